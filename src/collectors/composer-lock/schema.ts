import { z } from 'zod';

export const ComposerPackage = z.object({
  name: z.string(),
  version: z.string(),
  license: z.union([z.array(z.string()), z.string()]).optional(),
  require: z.record(z.string(), z.unknown()).optional(),
  dist: z.object({ type: z.string().optional(), url: z.string().optional() }).nullish(),
  source: z.object({ url: z.string().optional() }).nullish(),
  'notification-url': z.string().optional(),
});

export const ComposerLock = z.object({
  packages: z.array(z.unknown()).optional(),
  'packages-dev': z.array(z.unknown()).nullish(),
});

export type ComposerPackage = z.infer<typeof ComposerPackage>;
