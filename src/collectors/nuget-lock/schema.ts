import { z } from 'zod';

export const LockedPackage = z.object({
  type: z.string().optional(),
  requested: z.string().optional(),
  resolved: z.string().optional(),
  dependencies: z.record(z.string(), z.unknown()).optional(),
});

export const PackagesLock = z.object({
  version: z.number().optional(),
  dependencies: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export type LockedPackage = z.infer<typeof LockedPackage>;
