import { isFileNamed } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractPom } from './extract.ts';
import { parsePom, type RawPom } from './parse.ts';
import { PomIndex } from './resolve.ts';

function collect(files: FileInput[]): CollectorResult {
  const result: CollectorResult = { dependencies: [], runtimes: [], diagnostics: [] };
  const poms: RawPom[] = [];
  for (const { path, content } of files) {
    const fail = (code: string, message: string) =>
      result.diagnostics.push({ path, collector: COLLECTOR_ID, code, message, severity: 'error' });
    if (content.length > DEFAULT_BUDGET.maxBytes) {
      fail('too-large', `file has ${content.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`);
      continue;
    }
    try {
      poms.push(parsePom(path, content.toString('utf8'), DEFAULT_BUDGET.maxDepth));
    } catch (error) {
      fail('parse-error', `not a readable pom.xml: ${(error as Error).message}`);
    }
  }
  const index = new PomIndex(poms);
  for (const pom of poms) {
    const found = extractPom(index.effective(pom));
    result.dependencies!.push(...found.dependencies);
    result.runtimes!.push(...found.runtimes);
    result.diagnostics.push(...found.diagnostics);
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies', 'runtimes'],
  files: ['**/pom.xml'],
  spec: 'https://maven.apache.org/pom.html',
  matches: (path) => isFileNamed(path, 'pom.xml'),
  collect,
};
