// vendors.yaml: the office's register of vendor contracts (docs/budget.md#vendorsyaml).
//
//   vendors:
//     - vendor: Datadog
//       product: Datadog Pro
//       owner: Platform                  # a team or a person answering for the contract
//       start: 2025-03-01
//       renewal: 2027-03-01              # the next renewal date
//       notice: 90 days                  # days, weeks or months before the renewal
//       cost-per-year: 48000.00          # an exact decimal, in `currency`
//       currency: EUR                    # ISO 4217
//       seats: { bought: 50, used: 42 }  # optional
//       technologies: [datadog]          # ids from `cto tech` (technologies.yaml)
//
// A file that does not validate is a problem of the register (file, line and key named), not a crash:
// the commands and the report say so and show what they can without it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AMOUNT_RE, CURRENCY_RE } from '../budget/money.ts';
import { isCtoError } from '../errors.ts';
import { daySchema } from '../reference-date.ts';
import { readYamlFile } from './yaml-file.ts';

const VENDORS_FILE = 'vendors.yaml';

const NOTICE_RE = /^(\d+)\s*(day|days|week|weeks|month|months)$/;

/** An amount as YAML gives it: a quoted decimal, or a plain number (its shortest decimal text). */
const amountSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => AMOUNT_RE.test(v) && !v.startsWith('-'), 'an amount such as 48000 or "48000.00"');

const seatsSchema = z
  .object({ bought: z.number().int().min(0), used: z.number().int().min(0).optional() })
  .strict();

function contractSchema(known: ReadonlySet<string>) {
  return z
    .object({
      vendor: z.string().min(1),
      product: z.string().min(1).optional(),
      owner: z.string().min(1).optional(),
      start: daySchema.optional(),
      renewal: daySchema.optional(),
      notice: z.string().regex(NOTICE_RE, 'a period such as "90 days", "6 weeks" or "3 months"').optional(),
      'cost-per-year': amountSchema.optional(),
      currency: z.string().regex(CURRENCY_RE, 'an ISO 4217 code such as EUR or USD').optional(),
      seats: seatsSchema.optional(),
      technologies: z
        .array(
          z
            .string()
            .refine((id) => known.has(id), 'not a technology id of `cto tech` (docs/technologies.md)'),
        )
        .default([]),
    })
    .strict()
    .superRefine((c, ctx) => {
      if ((c['cost-per-year'] === undefined) !== (c.currency === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [c.currency === undefined ? 'currency' : 'cost-per-year'],
          message: 'give `cost-per-year` and `currency` together',
        });
      if (c.notice !== undefined && c.renewal === undefined)
        ctx.addIssue({ code: 'custom', path: ['notice'], message: 'a notice period needs a `renewal` date' });
      if (c.start !== undefined && c.renewal !== undefined && c.renewal < c.start)
        ctx.addIssue({ code: 'custom', path: ['renewal'], message: 'the renewal is before the start' });
    });
}

type ContractEntry = z.output<ReturnType<typeof contractSchema>>;

export interface Contract {
  vendor: string;
  product: string | null;
  owner: string | null;
  start: string | null;
  renewal: string | null;
  notice: { count: number; unit: 'day' | 'week' | 'month' } | null;
  costPerYear: { amount: string; currency: string } | null;
  seats: { bought: number; used: number | null } | null;
  technologies: string[];
}

/** The register as read: its contracts, or the problem that stopped it being read. */
export interface VendorsFile {
  present: boolean;
  contracts: Contract[];
  /** `vendors.yaml:7: vendors.0.renewal: not a calendar date`; null when the file is valid or absent. */
  problem: string | null;
}

/** The schema of vendors.yaml, technology ids checked against `known` (the catalogue's). */
export function vendorsFileSchema(known: ReadonlySet<string>) {
  return z.object({ vendors: z.array(contractSchema(known)).default([]) }).strict();
}

/** Read vendors.yaml of the workspace, checking technology ids against `known`. */
export function loadVendors(workspaceDir: string, known: ReadonlySet<string>): VendorsFile {
  const file = join(workspaceDir, VENDORS_FILE);
  if (!existsSync(file)) return { present: false, contracts: [], problem: null };
  const schema = vendorsFileSchema(known);
  try {
    const data = readYamlFile(file, schema, VENDORS_FILE);
    return { present: true, contracts: (data?.vendors ?? []).map(toContract), problem: null };
  } catch (e) {
    if (isCtoError(e)) return { present: true, contracts: [], problem: e.message };
    throw e;
  }
}

function toContract(c: ContractEntry): Contract {
  const notice = c.notice === undefined ? null : NOTICE_RE.exec(c.notice);
  return {
    vendor: c.vendor,
    product: c.product ?? null,
    owner: c.owner ?? null,
    start: c.start ?? null,
    renewal: c.renewal ?? null,
    notice: notice
      ? {
          count: Number(notice[1]),
          unit: (notice[2] as string).replace(/s$/, '') as 'day' | 'week' | 'month',
        }
      : null,
    costPerYear:
      c['cost-per-year'] !== undefined && c.currency !== undefined
        ? { amount: c['cost-per-year'], currency: c.currency }
        : null,
    seats: c.seats ? { bought: c.seats.bought, used: c.seats.used ?? null } : null,
    technologies: [...new Set(c.technologies)],
  };
}
