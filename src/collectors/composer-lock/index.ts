import { ComposerJson } from '../composer-json.ts';
import { byFolder, dirOf, isFileNamed, readJson } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractComposerLock } from './extract.ts';

const isLock = (path: string) => isFileNamed(path, 'composer.lock');
const isManifest = (path: string) => isFileNamed(path, 'composer.json');

/** Names composer.json requires (either section), lower-cased; empty when unreadable. */
function required(file: FileInput | undefined): Set<string> {
  if (!file || file.content.length > DEFAULT_BUDGET.maxBytes) return new Set();
  try {
    const json = ComposerJson.parse(readJson(file.content.toString('utf8')));
    return new Set(Object.keys({ ...json.require, ...json['require-dev'] }).map((n) => n.toLowerCase()));
  } catch {
    return new Set();
  }
}

function collect(files: FileInput[]): CollectorResult {
  const result: Required<Pick<CollectorResult, 'dependencies' | 'diagnostics'>> = {
    dependencies: [],
    diagnostics: [],
  };
  const manifests = byFolder(files, isManifest);
  for (const { path, content } of files.filter((f) => isLock(f.path))) {
    const fail = (code: string, message: string) =>
      result.diagnostics.push({ path, collector: COLLECTOR_ID, code, message, severity: 'error' });
    if (content.length > DEFAULT_BUDGET.maxBytes) {
      fail('too-large', `file has ${content.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`);
      continue;
    }
    try {
      const json = readJson(content.toString('utf8'));
      const found = extractComposerLock(path, json, required(manifests.get(dirOf(path))));
      result.dependencies.push(...found.dependencies);
      result.diagnostics.push(...found.diagnostics);
    } catch (error) {
      fail('parse-error', `not a readable composer.lock: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/composer.lock', '**/composer.json'],
  spec: 'https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control',
  matches: (path) => isLock(path) || isManifest(path),
  collect,
};
