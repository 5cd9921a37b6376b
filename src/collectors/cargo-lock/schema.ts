import { z } from 'zod';

export const CargoLockPackage = z.object({
  name: z.string(),
  version: z.string(),
  source: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
});

export const CargoLock = z.object({
  version: z.number().optional(),
  package: z.array(z.unknown()).optional(),
});

export type CargoLockPackage = z.infer<typeof CargoLockPackage>;
