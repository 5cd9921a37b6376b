// The front matter of an experiment, `experiments/<name>.md` (docs/office.md "Experiments"): what is
// tried, by whom, in which time box and budget, against which radar item and repositories or branches,
// and how it ended.
import { z } from 'zod';
import { AMOUNT_RE, CURRENCY_RE } from '../../budget/money.ts';
import { daySchema } from '../../reference-date.ts';
import { numberRef } from '../decisions/schema.ts';

export const EXPERIMENTS_DIR = 'experiments';

export const OUTCOMES = ['adopt', 'trial', 'drop'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const text = z.string().trim().min(1);

/** A day as YAML gives it: `2026-10-01` (a string, or a date when the YAML reader makes one). */
const day = z.union([z.date().transform((d) => d.toISOString().slice(0, 10)), daySchema]);

/** An exact decimal amount: a quoted decimal, or a plain number (its shortest decimal text). */
const amount = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => AMOUNT_RE.test(v) && !v.startsWith('-'), 'an amount such as 5000 or "5000.00"');

const list = z.union([text, z.array(text)]).transform((v) => (typeof v === 'string' ? [v] : v));

/** `repository:branch`; the branch may itself hold `/` (`api:feature/bun`). */
const branchRef = z
  .string()
  .trim()
  .regex(/^[^:\s]+:\S+$/, 'a branch is written repository:branch');

export const experimentSchema = z
  .object({
    title: text.optional(),
    hypothesis: text,
    owner: text,
    start: day,
    end: day,
    budget: z
      .object({ amount, currency: z.string().regex(CURRENCY_RE, 'an ISO 4217 code, e.g. EUR') })
      .strict()
      .optional(),
    /** The radar item tried: its id (file name without .md) or its title. */
    radar: text.optional(),
    repositories: list.optional(),
    branches: z
      .union([branchRef, z.array(branchRef)])
      .transform((v) => (typeof v === 'string' ? [v] : v))
      .optional(),
    outcome: z.enum(OUTCOMES).nullable().optional(),
    /** The decision record the outcome led to: its number (`4`, `ADR-0004`). */
    decision: numberRef.nullable().optional(),
    tags: list.optional(),
  })
  .strict()
  .superRefine((fm, ctx) => {
    if (fm.end < fm.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: `end ${fm.end} is before start ${fm.start}` });
    if ((fm.repositories ?? []).length === 0 && (fm.branches ?? []).length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['repositories'],
        message:
          'name the repositories (repositories:) or branches (branches: [repo:branch]) the experiment runs in',
      });
  });
