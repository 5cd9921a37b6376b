import { z } from 'zod';

const strings = z.array(z.unknown()).optional().catch(undefined);
const table = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** The fields of pyproject.toml the collector reads: PEP 621, PEP 735 and Poetry. */
export const Pyproject = z.object({
  project: z
    .object({
      'requires-python': z.string().optional().catch(undefined),
      dependencies: strings,
      'optional-dependencies': table,
    })
    .optional()
    .catch(undefined),
  'dependency-groups': table,
  tool: z
    .object({
      poetry: z
        .object({
          dependencies: table,
          'dev-dependencies': table,
          group: table,
        })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
});
export type Pyproject = z.infer<typeof Pyproject>;
