import { z } from 'zod';

const DepRef = z.object({
  name: z.string(),
  version: z.string().optional().catch(undefined),
});
const refs = z.array(z.unknown()).optional().catch(undefined);
const groups = z.record(z.string(), z.array(z.unknown())).optional().catch(undefined);

export const UvPackage = z.object({
  name: z.string(),
  version: z.string().optional().catch(undefined),
  source: z.record(z.string(), z.unknown()).optional().catch(undefined),
  dependencies: refs,
  'optional-dependencies': groups,
  'dev-dependencies': groups,
});
export type UvPackage = z.infer<typeof UvPackage>;

export const UvLock = z.object({
  version: z.number().optional().catch(undefined),
  package: z.array(z.unknown()).optional().catch(undefined),
});

/** A dependency reference, or null when the entry is not one. */
export function depRef(value: unknown): z.infer<typeof DepRef> | null {
  const parsed = DepRef.safeParse(value);
  return parsed.success ? parsed.data : null;
}
