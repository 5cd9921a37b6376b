// objectives.yaml: objectives with key results, each measured by a `cto trend` metric over a scope or
// by one read-only SQL query (docs/office.md "Objectives").
import { z } from 'zod';

export const OBJECTIVES_FILE = 'objectives.yaml';

const day = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD'),
]);

/** `portfolio`, `{ team: web }` or `{ repository: flask }`. */
const scopeSchema = z.union([
  z.literal('portfolio'),
  z.object({ team: z.string().min(1) }).strict(),
  z.object({ repository: z.string().min(1) }).strict(),
]);
export type KeyResultScope = z.infer<typeof scopeSchema>;

const keyResultSchema = z
  .object({
    title: z.string().min(1),
    /** A key metric of `cto trend` (docs/trend.md) or any stored metric by name. */
    metric: z.string().min(1).optional(),
    scope: scopeSchema.optional(),
    /** One read-only query whose first row's first column is the value. */
    sql: z.string().min(1).optional(),
    /** The value at `start`; when absent, the metric's value at the start date from the snapshots. */
    baseline: z.number().optional(),
    target: z.number(),
    start: day.optional(),
    due: day.optional(),
    owner: z.string().min(1).optional(),
  })
  .strict()
  .refine(
    (k) => (k.metric === undefined) !== (k.sql === undefined),
    'a key result has one metric: or one sql:',
  )
  .refine((k) => k.sql === undefined || k.scope === undefined, 'scope: applies to metrics, not sql:')
  .refine((k) => k.sql === undefined || k.baseline !== undefined, 'a sql: key result needs a baseline:');

const objectiveSchema = z
  .object({
    title: z.string().min(1),
    owner: z.string().min(1).optional(),
    /** When the line from baseline to target starts (default: the first snapshot point with a value). */
    start: day.optional(),
    /** When the targets are due, unless a key result says otherwise. */
    due: day.optional(),
    'key-results': z.array(keyResultSchema).min(1),
  })
  .strict()
  .superRefine((o, ctx) => {
    o['key-results'].forEach((k, i) => {
      const due = k.due ?? o.due;
      const start = k.start ?? o.start;
      if (due === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['key-results', i, 'due'],
          message: 'no due date (here or on the objective)',
        });
      else if (start !== undefined && start >= due)
        ctx.addIssue({
          code: 'custom',
          path: ['key-results', i, 'start'],
          message: `start ${start} is not before due ${due}`,
        });
    });
  });

export const objectivesFileSchema = z.object({ objectives: z.array(objectiveSchema).default([]) }).strict();
export type KeyResultInput = z.infer<typeof keyResultSchema>;
