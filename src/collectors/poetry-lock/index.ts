import { byFolder, collectEach, dirOf, isFileNamed } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { declaredNames } from './declared.ts';
import { COLLECTOR_ID, extractPoetryLock } from './extract.ts';

const isLock = (path: string) => isFileNamed(path, 'poetry.lock');
const isPyproject = (path: string) => isFileNamed(path, 'pyproject.toml');

/** Lockfiles, plus the pyproject.toml beside each: it names the direct packages. */
function collect(files: FileInput[]): CollectorResult {
  const manifests = byFolder(files, isPyproject);
  return collectEach(
    COLLECTOR_ID,
    files.filter((f) => isLock(f.path)),
    (path, text) => {
      const manifest = manifests.get(dirOf(path));
      const usable = manifest && manifest.content.length <= DEFAULT_BUDGET.maxBytes;
      return extractPoetryLock(path, text, usable ? declaredNames(manifest.content.toString('utf8')) : null);
    },
  );
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/poetry.lock', '**/pyproject.toml'],
  spec: 'https://python-poetry.org/docs/basic-usage/#committing-your-poetrylock-file-to-version-control',
  matches: (path) => isLock(path) || isPyproject(path),
  collect,
};
