import { z } from 'zod';

/** `image: {registry?, repository, tag?, digest?}` as most charts write it (`name` instead of `repository` too). */
export const ImageBlock = z.looseObject({
  registry: z.string().optional(),
  repository: z.string().optional(),
  name: z.string().optional(),
  tag: z.union([z.string(), z.number()]).optional(),
  digest: z.string().optional(),
});

export const ChartDependency = z.looseObject({
  name: z.string(),
  version: z.union([z.string(), z.number()]).optional(),
});

/** `Chart.yaml` (v2) or `requirements.yaml` (Helm 2): only dependencies are used. */
export const ChartFile = z.looseObject({ dependencies: z.array(z.unknown()).optional() });
