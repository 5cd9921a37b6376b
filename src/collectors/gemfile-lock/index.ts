import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractGemfileLock } from './extract.ts';

function collect(files: FileInput[]): CollectorResult {
  const result: CollectorResult = { dependencies: [], runtimes: [], diagnostics: [] };
  for (const { path, content } of files) {
    if (content.length > DEFAULT_BUDGET.maxBytes) {
      const message = `file has ${content.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`;
      result.diagnostics.push({
        path,
        collector: COLLECTOR_ID,
        code: 'too-large',
        message,
        severity: 'error',
      });
      continue;
    }
    const found = extractGemfileLock(path, content.toString('utf8'));
    result.dependencies!.push(...found.dependencies);
    result.runtimes!.push(...found.runtimes);
    result.diagnostics.push(...found.diagnostics);
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  matches: (path) => /(^|\/)(Gemfile|gems\.rb)\.lock$|(^|\/)gems\.locked$/.test(path),
  collect,
};
