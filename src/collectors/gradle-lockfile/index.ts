import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractGradleLockfile } from './extract.ts';

function collect(files: FileInput[]): CollectorResult {
  const result: Required<Pick<CollectorResult, 'dependencies' | 'diagnostics'>> = {
    dependencies: [],
    diagnostics: [],
  };
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
    const found = extractGradleLockfile(path, content.toString('utf8'));
    result.dependencies.push(...found.dependencies);
    result.diagnostics.push(...found.diagnostics);
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  matches: (path) =>
    /(^|\/)(buildscript-)?gradle\.lockfile$/.test(path) ||
    /(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/.test(path),
  collect,
};
