import { z } from 'zod';

const names = z.record(z.string(), z.unknown()).optional().catch(undefined);
const flag = z.boolean().optional().catch(undefined);

/** One entry of the v2/v3 `packages` map. */
export const PackageEntry = z.object({
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
});
export type PackageEntry = z.infer<typeof PackageEntry>;

/** One entry of the v1 nested `dependencies` map. */
export interface V1Entry {
  version?: string;
  resolved?: string;
  dev?: boolean;
  optional?: boolean;
  requires?: Record<string, unknown>;
  dependencies?: Record<string, V1Entry>;
}

export const Lockfile = z.object({
  lockfileVersion: z.number().optional().catch(undefined),
  packages: z.record(z.string(), z.unknown()).optional().catch(undefined),
  dependencies: z.record(z.string(), z.unknown()).optional().catch(undefined),
});
