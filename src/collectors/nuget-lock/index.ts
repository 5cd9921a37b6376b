import { readJson } from '../composer-lock/read-json.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractPackagesLock } from './extract.ts';

function collect(files: FileInput[]): CollectorResult {
  const result: Required<Pick<CollectorResult, 'dependencies' | 'diagnostics'>> = {
    dependencies: [],
    diagnostics: [],
  };
  for (const { path, content } of files) {
    const fail = (code: string, message: string) =>
      result.diagnostics.push({ path, collector: COLLECTOR_ID, code, message, severity: 'error' });
    if (content.length > DEFAULT_BUDGET.maxBytes) {
      fail('too-large', `file has ${content.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`);
      continue;
    }
    try {
      const found = extractPackagesLock(path, readJson(content.toString('utf8')));
      result.dependencies.push(...found.dependencies);
      result.diagnostics.push(...found.diagnostics);
    } catch (error) {
      fail('parse-error', `not a readable packages.lock.json: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  matches: (path) => path === 'packages.lock.json' || path.endsWith('/packages.lock.json'),
  collect,
};
