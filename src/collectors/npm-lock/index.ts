import { isPackageJson } from '../npm-package-json.ts';
import { byFolder, collectEach, dirOf } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, declaredNames, extractLockfile } from './extract.ts';

const LOCK = /(^|\/)(package-lock|npm-shrinkwrap)\.json$/;
const isLock = (path: string) => LOCK.test(path) && !/(^|\/)node_modules\//.test(path);

/** Lockfiles, plus package.json files: a v1 lockfile needs its manifest to know direct packages. */
function collect(files: FileInput[]): CollectorResult {
  const manifests = byFolder(files, isPackageJson);
  return collectEach(
    COLLECTOR_ID,
    files.filter((f) => isLock(f.path)),
    (path, text) => {
      const manifest = manifests.get(dirOf(path));
      const small = manifest && manifest.content.length <= DEFAULT_BUDGET.maxBytes;
      return extractLockfile(path, text, small ? declaredNames(manifest.content.toString('utf8')) : null);
    },
  );
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/{package-lock,npm-shrinkwrap}.json', '**/package.json'],
  spec: 'https://docs.npmjs.com/cli/configuring-npm/package-lock-json',
  matches: (path) => isLock(path) || isPackageJson(path),
  collect,
};
