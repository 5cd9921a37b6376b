// The front matter of a decision record (MADR 4, docs/office.md "Decisions") and of its checks.
import { z } from 'zod';

export const DECISIONS_DIR = 'decisions';

export const DECISION_STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** What a check looks at in the facts of a repository's current snapshot. */
export const CHECK_KINDS = ['technology', 'package', 'runtime', 'image', 'licence', 'file'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

const name = z.string().trim().min(1);
/** A version range: comparators (`>=1.2 <2`) joined by `||` (docs/office.md). */
const range = z.string().trim().min(1);

const namedWithVersion = z.union([
  name,
  z.object({ name, ecosystem: name.optional(), version: range.optional() }).strict(),
]);

/** One kind mapped to its value: `{ technology: mysql }`, `{ package: { name: lodash, version: "<4" } }`. */
const checkTarget = z
  .object({
    technology: name.optional(),
    package: namedWithVersion.optional(),
    runtime: namedWithVersion.optional(),
    image: namedWithVersion.optional(),
    licence: z.union([name, z.array(name).min(1)]).optional(),
    file: name.optional(),
  })
  .strict()
  .refine(
    (t) => Object.keys(t).length === 1,
    'name exactly one kind (technology, package, runtime, image, licence, file)',
  );

const stringList = z.union([name, z.array(name)]).transform((v) => (typeof v === 'string' ? [v] : v));

export const checkScopeSchema = z
  .object({ repositories: stringList.optional(), teams: stringList.optional(), paths: stringList.optional() })
  .strict();
export type CheckScope = z.infer<typeof checkScopeSchema>;

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

const checkSchema = z
  .object({
    forbid: checkTarget.optional(),
    require: checkTarget.optional(),
    scope: checkScopeSchema.optional(),
    severity: z.enum(SEVERITIES).optional(),
  })
  .strict()
  .refine(
    (c) => (c.forbid === undefined) !== (c.require === undefined),
    'a check is one forbid: or one require:',
  );

type CheckInput = z.infer<typeof checkSchema>;
export type CheckTarget = NonNullable<CheckInput['forbid']>;

const dateSchema = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD'),
]);

/** A decision named by its number: `5`, `"0005"` or `"ADR-0005"`. */
export const numberRef = z
  .union([
    z.number().int().min(0),
    z.string().regex(/^(ADR-?)?\d+$/i, 'a decision number, e.g. 5 or ADR-0005'),
  ])
  .transform((v) => (typeof v === 'number' ? v : Number.parseInt(v.replace(/^ADR-?/i, ''), 10)));
const numberList = z.union([numberRef, z.array(numberRef)]).transform((v) => (Array.isArray(v) ? v : [v]));

/**
 * MADR 4 front matter (`status`, `date`, `decision-makers`, `consulted`, `informed`) and what cto adds:
 * `supersedes`, `superseded-by`, `radar` (radar item titles) and `checks`. MADR's own
 * `status: "superseded by ADR-0005"` is read as status superseded, superseded by 5.
 */
export const frontMatterSchema = z
  .object({
    title: name.optional(),
    status: name,
    date: dateSchema.optional(),
    'decision-makers': stringList.optional(),
    consulted: stringList.optional(),
    informed: stringList.optional(),
    supersedes: numberList.optional(),
    'superseded-by': numberRef.optional(),
    radar: stringList.optional(),
    tags: stringList.optional(),
    checks: z.array(checkSchema).optional(),
  })
  .strict()
  .superRefine((fm, ctx) => {
    if (parseStatus(fm.status) === null)
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: `unknown status "${fm.status}" (known: ${DECISION_STATUSES.join(', ')}, or "superseded by ADR-NNNN")`,
      });
  });
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** A status as written, read: `accepted`, `Accepted`, `superseded by ADR-0005` (with 5). */
export function parseStatus(text: string): { status: DecisionStatus; by: number | null } | null {
  const t = text.trim().toLowerCase();
  const by = /^superseded\s+by\s+(?:adr-?)?0*(\d+)/.exec(t);
  if (by) return { status: 'superseded', by: Number(by[1]) };
  return (DECISION_STATUSES as readonly string[]).includes(t)
    ? { status: t as DecisionStatus, by: null }
    : null;
}

/** The `decisions` section of cto.yaml. */
export const decisionsConfigSchema = z
  .object({
    /** Days a proposed decision may wait before it is listed as a decision needed (default 30). */
    proposedMaxAgeDays: z.number().int().min(0).optional(),
  })
  .strict();

export const DEFAULT_PROPOSED_MAX_AGE_DAYS = 30;
