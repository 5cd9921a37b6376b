import { z } from 'zod';

const Step = z.looseObject({ uses: z.string().optional() });
const Container = z.union([z.string(), z.looseObject({ image: z.string().optional() })]);

export const Job = z.looseObject({
  uses: z.string().optional(),
  steps: z.array(z.unknown()).optional(),
  container: z.unknown().optional(),
  services: z.record(z.string(), z.unknown()).optional(),
});

export const Workflow = z.looseObject({ jobs: z.record(z.string(), z.unknown()) });

/** `action.yml`: composite steps or a Docker image. */
export const Action = z.looseObject({
  runs: z.looseObject({
    using: z.string().optional(),
    image: z.string().optional(),
    steps: z.array(z.unknown()).optional(),
  }),
});

export { Container, Step };
