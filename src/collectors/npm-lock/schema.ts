import { z } from 'zod';

const names = z.record(z.string(), z.unknown()).optional().catch(undefined);
const flag = z.boolean().optional().catch(undefined);

/** One entry of the v2/v3 `packages` map. */
export const PackageEntry = z
  .object({
    name: z.string().optional().catch(undefined),
    version: z.string().optional().catch(undefined),
    resolved: z.string().optional().catch(undefined),
    link: flag,
    dev: flag,
    optional: flag,
    devOptional: flag,
    peer: flag,
    license: z.unknown().optional(),
    dependencies: names,
    devDependencies: names,
    optionalDependencies: names,
    peerDependencies: names,
  })
  // An entry that is not an object reads as an empty one.
  .catch({});
export type PackageEntry = z.infer<typeof PackageEntry>;

/** One entry of the v1 nested `dependencies` map, as found: every field may have any type. */
export interface V1Entry {
  version?: unknown;
  resolved?: unknown;
  dev?: unknown;
  optional?: unknown;
  requires?: unknown;
  dependencies?: unknown;
}

export const Lockfile = z.object({
  lockfileVersion: z.number().optional().catch(undefined),
  packages: z.record(z.string(), z.unknown()).optional().catch(undefined),
  dependencies: z.record(z.string(), z.unknown()).optional().catch(undefined),
});
