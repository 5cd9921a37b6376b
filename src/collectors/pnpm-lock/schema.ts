import { z } from 'zod';

const refs = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** An importer's dependency: `{specifier, version}` (v6+), or a bare version (v5). */
const ImporterDeps = z
  .record(z.string(), z.union([z.object({ version: z.unknown() }).passthrough(), z.string()]))
  .optional()
  .catch(undefined);

export const Importer = z
  .object({
    dependencies: ImporterDeps,
    devDependencies: ImporterDeps,
    optionalDependencies: ImporterDeps,
  })
  .catch({});
export type Importer = z.infer<typeof Importer>;

export const PackageEntry = z
  .object({
    name: z.string().optional().catch(undefined),
    version: z.string().optional().catch(undefined),
    resolution: z.record(z.string(), z.unknown()).optional().catch(undefined),
    dev: z.boolean().optional().catch(undefined),
    optional: z.boolean().optional().catch(undefined),
    dependencies: refs,
    optionalDependencies: refs,
  })
  .catch({});
export type PackageEntry = z.infer<typeof PackageEntry>;

export const PnpmLock = z.object({
  lockfileVersion: z.union([z.string(), z.number()]).optional().catch(undefined),
  importers: z.record(z.string(), z.unknown()).optional().catch(undefined),
  packages: z.record(z.string(), z.unknown()).optional().catch(undefined),
  snapshots: z.record(z.string(), z.unknown()).optional().catch(undefined),
  dependencies: ImporterDeps,
  devDependencies: ImporterDeps,
  optionalDependencies: ImporterDeps,
});
