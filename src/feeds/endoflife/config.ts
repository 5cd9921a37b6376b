// The `eol` section of cto.yaml.
import { z } from 'zod';

export const eolConfigSchema = z
  .object({
    /** Months before an end of life at which an item counts as at risk (default 6). */
    windowMonths: z.number().min(0).max(120).optional(),
  })
  .strict();
