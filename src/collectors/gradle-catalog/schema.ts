import { z } from 'zod';

/** A version as the catalog writes it: a string, or a rich version table. */
export const RichVersion = z.union([
  z.string(),
  z.object({
    ref: z.string().optional(),
    strictly: z.string().optional(),
    require: z.string().optional(),
    prefer: z.string().optional(),
    reject: z.array(z.string()).optional(),
  }),
]);

export const Library = z.union([
  z.string(),
  z.object({
    module: z.string().optional(),
    group: z.string().optional(),
    name: z.string().optional(),
    version: RichVersion.optional(),
  }),
]);

export const Plugin = z.union([z.string(), z.object({ id: z.string(), version: RichVersion.optional() })]);

export const Catalog = z.object({
  versions: z.record(z.string(), z.unknown()).optional(),
  libraries: z.record(z.string(), z.unknown()).optional(),
  bundles: z.record(z.string(), z.unknown()).optional(),
  plugins: z.record(z.string(), z.unknown()).optional(),
});

export type RichVersion = z.infer<typeof RichVersion>;
