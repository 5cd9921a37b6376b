// package.json as the npm collectors read it: the fields they use and which files are manifests.
import { z } from 'zod';
import { asObject, isFileNamed, readJson } from './read-input.ts';

const depMap = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** The fields of package.json the collectors use; anything else is ignored. */
export const PackageJson = z.object({
  name: z.string().optional().catch(undefined),
  version: z.string().optional().catch(undefined),
  dependencies: depMap,
  devDependencies: depMap,
  optionalDependencies: depMap,
  peerDependencies: depMap,
  workspaces: z
    .union([z.array(z.string()), z.object({ packages: z.array(z.string()).optional() })])
    .optional()
    .catch(undefined),
  engines: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

export type PackageJson = z.infer<typeof PackageJson>;

/** package.json text as a manifest; throws when it is not readable JSON or not an object. */
export function parsePackageJson(text: string): PackageJson {
  return PackageJson.parse(asObject(readJson(text), 'package.json'));
}

export const DEP_FIELDS = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
] as const;

/** A package.json of the project (not one installed under node_modules). */
export const isPackageJson = (path: string): boolean =>
  isFileNamed(path, 'package.json') && !/(^|\/)node_modules\//.test(path);
