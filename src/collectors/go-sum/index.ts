import { posix } from 'node:path';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, directModules, extractGoSum } from './extract.ts';

const isName = (path: string, name: string) => path === name || path.endsWith(`/${name}`);

/** Reads each go.sum; the go.mod files also matched only say which modules are direct. */
function collect(files: FileInput[]): CollectorResult {
  const result: CollectorResult = { dependencies: [], diagnostics: [] };
  const goMods = new Map(
    files.filter((f) => isName(f.path, 'go.mod')).map((f) => [posix.dirname(f.path), f]),
  );
  for (const { path, content } of files.filter((f) => isName(f.path, 'go.sum'))) {
    const goMod = goMods.get(posix.dirname(path));
    const tooLarge = [content, goMod?.content].find((c) => c && c.length > DEFAULT_BUDGET.maxBytes);
    if (tooLarge) {
      const message = `file has ${tooLarge.length} bytes, over the ${DEFAULT_BUDGET.maxBytes} byte budget`;
      result.diagnostics.push({
        path,
        collector: COLLECTOR_ID,
        code: 'too-large',
        message,
        severity: 'error',
      });
      continue;
    }
    const direct = goMod ? directModules(goMod.content.toString('utf8')) : new Set<string>();
    const found = extractGoSum(path, content.toString('utf8'), direct);
    result.dependencies!.push(...found.dependencies);
    result.diagnostics.push(...found.diagnostics);
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 1,
  matches: (path) => isName(path, 'go.sum') || isName(path, 'go.mod'),
  collect,
};
