import { collectEach } from '../read-input.ts';
import type { CollectorResult, FileCollector, FileInput } from '../types.ts';
import { COLLECTOR_ID, extractAll } from './extract.ts';
import { parseRequirements, type RequirementsFile } from './parse.ts';

const NAMED = /(^|\/)[^/]*(requirements|constraints)[^/]*\.(txt|in)$/i;
const IN_FOLDER = /(^|\/)requirements\/[^/]+\.(txt|in)$/i;

/** Parse each file alone (diagnostics per file), then resolve `-r`/`-c` across all of them. */
function collect(files: FileInput[]): CollectorResult {
  const parsed = new Map<string, RequirementsFile>();
  const perFile = collectEach(COLLECTOR_ID, files, (path, text) => {
    parsed.set(path, parseRequirements(text));
    return {};
  });
  try {
    const all = extractAll(parsed);
    return { dependencies: all.dependencies, diagnostics: [...perFile.diagnostics, ...all.diagnostics] };
  } catch (error) {
    const message = `requirement files could not be resolved together: ${(error as Error).message}`;
    const failed = { path: files[0]?.path ?? '', collector: COLLECTOR_ID, code: 'internal-error', message };
    return { dependencies: [], diagnostics: [...perFile.diagnostics, { ...failed, severity: 'error' }] };
  }
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/*{requirements,constraints}*.{txt,in}', '**/requirements/*.{txt,in}'],
  spec: 'https://pip.pypa.io/en/stable/reference/requirements-file-format/',
  matches: (path) => NAMED.test(path) || IN_FOLDER.test(path),
  collect,
};
