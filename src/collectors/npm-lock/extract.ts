// package-lock.json / npm-shrinkwrap.json in, resolved packages out. v2 and v3 carry the flat
// `packages` map (preferred); v1 only the nested `dependencies` tree.

import { dedupeDependencies } from '../dedupe-dependencies.ts';
import { DEP_FIELDS, parsePackageJson } from '../npm-package-json.ts';
import { asObject, type FileFacts, readJson, unsupportedVersion } from '../read-input.ts';
import type { Dependency } from '../types.ts';
import { extractV1 } from './dependencies-v1.ts';
import { extractPackages } from './packages.ts';
import { Lockfile } from './schema.ts';

export const COLLECTOR_ID = 'npm-lock';

/** Names the package.json beside a lockfile declares (for v1, which does not record them). */
export function declaredNames(text: string): Set<string> | null {
  try {
    const manifest = parsePackageJson(text);
    return new Set(DEP_FIELDS.flatMap(([field]) => Object.keys(manifest[field] ?? {})));
  } catch {
    return null;
  }
}

export function extractLockfile(path: string, text: string, declared: Set<string> | null): FileFacts {
  const lock = Lockfile.parse(asObject(readJson(text), 'package-lock.json'));
  let deps: Dependency[];
  if (lock.packages) deps = extractPackages(path, lock.packages);
  else if (lock.dependencies) deps = extractV1(path, lock.dependencies, declared);
  else deps = [];
  const diagnostics =
    lock.lockfileVersion !== undefined && lock.lockfileVersion > 3
      ? [
          unsupportedVersion(
            path,
            COLLECTOR_ID,
            `lockfileVersion ${lock.lockfileVersion} is newer than 3; read as v3`,
          ),
        ]
      : [];
  return { dependencies: dedupeDependencies(deps), diagnostics };
}
