import { goModLines, goModPaths, listsWholeBuild } from '../go-modfile.ts';
import { byFolder, dirOf, isFileNamed } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractGoSum } from './extract.ts';

const isGoSum = (path: string) => isFileNamed(path, 'go.sum');
const isGoMod = (path: string) => isFileNamed(path, 'go.mod');

/**
 * Reads each go.sum; the go.mod beside it says what go.sum may add: nothing from go 1.17 on (go.mod
 * is the whole build list), else the modules go.mod does not name.
 */
function collect(files: FileInput[]): CollectorResult {
  const result: CollectorResult = { dependencies: [], diagnostics: [] };
  const goMods = byFolder(files, isGoMod);
  for (const { path, content } of files.filter((f) => isGoSum(f.path))) {
    const goMod = goMods.get(dirOf(path));
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
    const lines = goMod ? goModLines(goMod.content.toString('utf8')) : [];
    const found = extractGoSum(path, content.toString('utf8'), goModPaths(lines));
    if (!listsWholeBuild(lines)) result.dependencies!.push(...found.dependencies);
    result.diagnostics.push(...found.diagnostics);
  }
  return result;
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/go.sum', '**/go.mod'],
  spec: 'https://go.dev/ref/mod#go-sum-files',
  matches: (path) => isGoSum(path) || isGoMod(path),
  collect,
};
