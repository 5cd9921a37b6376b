// The `server` section of cto.yaml (docs/server.md#schedules): checked with the rest of the file; the
// cron expressions themselves are checked when `cto serve` starts (src/server/schedules.ts).
import { z } from 'zod';

const scheduleSchema = z
  .object({
    /** Five fields (minute hour day month weekday) or six with seconds first. */
    cron: z.string().min(1),
    /** `all`: every repository sources.yaml lists; or a list of repository names. */
    scan: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]),
    /** IANA time zone the expression is read in (default UTC). */
    timezone: z.string().min(1).optional(),
  })
  .strict();

export type Schedule = z.infer<typeof scheduleSchema>;

export const serverConfigSchema = z.object({ schedules: z.array(scheduleSchema).optional() }).strict();
