import { z } from 'zod';

export const Step = z.looseObject({
  uses: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
});

export const Job = z.looseObject({
  steps: z.array(z.unknown()).optional(),
  strategy: z.looseObject({ matrix: z.unknown().optional() }).optional(),
});

export const Workflow = z.looseObject({ jobs: z.record(z.string(), z.unknown()) });
