import { z } from 'zod';

export const PoetryPackage = z.object({
  name: z.string(),
  version: z.string(),
  optional: z.boolean().optional().catch(undefined),
  category: z.string().optional().catch(undefined),
  groups: z.array(z.string()).optional().catch(undefined),
  dependencies: z.record(z.string(), z.unknown()).optional().catch(undefined),
  source: z
    .object({
      type: z.string().optional(),
      url: z.string().optional(),
      resolved_reference: z.string().optional(),
    })
    .partial()
    .optional()
    .catch(undefined),
});
export type PoetryPackage = z.infer<typeof PoetryPackage>;

export const PoetryLock = z.object({
  package: z.array(z.unknown()).optional().catch(undefined),
  metadata: z
    .object({ 'lock-version': z.string().optional().catch(undefined) })
    .partial()
    .optional()
    .catch(undefined),
});
