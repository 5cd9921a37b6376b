import { byFolder, collectEach, dirOf, isFileNamed } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractPipfileLock, pipfileNames } from './extract.ts';

const isLock = (path: string) => isFileNamed(path, 'Pipfile.lock');
const isPipfile = (path: string) => isFileNamed(path, 'Pipfile');

/** Lockfiles, plus the Pipfile beside each: it names the direct packages. */
function collect(files: FileInput[]): CollectorResult {
  const pipfiles = byFolder(files, isPipfile);
  return collectEach(
    COLLECTOR_ID,
    files.filter((f) => isLock(f.path)),
    (path, text) => {
      const pipfile = pipfiles.get(dirOf(path));
      const usable = pipfile && pipfile.content.length <= DEFAULT_BUDGET.maxBytes;
      return extractPipfileLock(path, text, usable ? pipfileNames(pipfile.content.toString('utf8')) : null);
    },
  );
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 3,
  emits: ['dependencies', 'runtimes'],
  files: ['**/Pipfile.lock', '**/Pipfile'],
  spec: 'https://github.com/pypa/pipfile',
  matches: (path) => isLock(path) || isPipfile(path),
  collect,
};
