import { isPackageJson, type PackageJson, parsePackageJson } from '../npm-package-json.ts';
import { collectEach, dirOf, isFileNamed } from '../read-input.ts';
import { type CollectorResult, DEFAULT_BUDGET, type FileCollector, type FileInput } from '../types.ts';
import { COLLECTOR_ID, extractYarnLock } from './extract.ts';

const isLock = (path: string) => isFileNamed(path, 'yarn.lock') && !path.includes('node_modules/');

function readManifest(file: FileInput): PackageJson | null {
  try {
    if (file.content.length > DEFAULT_BUDGET.maxBytes) return null;
    return parsePackageJson(file.content.toString('utf8'));
  } catch {
    return null;
  }
}

/** Lockfiles, plus the package.json files under each lockfile's folder (declared and dev packages). */
function collect(files: FileInput[]): CollectorResult {
  const manifests = files.filter((f) => isPackageJson(f.path));
  return collectEach(
    COLLECTOR_ID,
    files.filter((f) => isLock(f.path)),
    (path, text) => {
      const dir = dirOf(path);
      const mine = manifests.filter((m) => dir === '' || m.path.startsWith(`${dir}/`));
      return extractYarnLock(
        path,
        text,
        mine.map(readManifest).filter((m) => m !== null),
      );
    },
  );
}

export const collector: FileCollector = {
  id: COLLECTOR_ID,
  version: 2,
  emits: ['dependencies'],
  files: ['**/yarn.lock', '**/package.json'],
  spec: 'https://classic.yarnpkg.com/en/docs/yarn-lock',
  matches: (path) => isLock(path) || isPackageJson(path),
  collect,
};
