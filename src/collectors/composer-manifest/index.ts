import { readJson } from '../composer-lock/read-json.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractComposerJson } from './extract.ts';

function collect(files: FileInput[]): CollectorResult {
  const result: CollectorResult = { dependencies: [], runtimes: [], diagnostics: [] };
  for (const { path, content } of files) {
    const fail = (code: string, message: string) =>
      result.diagnostics.push({ path, collector: COLLECTOR_ID, code, message, severity: 'error' });
    if (content.length > DEFAULT_BUDGET.maxBytes) {
      fail('too-large', `file has ${content.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`);
      continue;
    }
    try {
      const found = extractComposerJson(path, readJson(content.toString('utf8')));
      result.dependencies!.push(...found.dependencies);
      result.runtimes!.push(...found.runtimes);
    } catch (error) {
      fail('parse-error', `not a readable composer.json: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  matches: (path) => path === 'composer.json' || path.endsWith('/composer.json'),
  collect,
};
