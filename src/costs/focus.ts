// The FOCUS columns cto reads (FinOps Open Cost and Usage Specification 1.0 to 1.2) and the check of
// one row: every problem names the row and the column (docs/costs.md#what-is-checked).
import { parseAmount } from './money.ts';

/**
 * Columns the specification makes mandatory in every FOCUS 1.0-1.2 dataset and that cto reads: a file
 * without one of them is not a FOCUS export cto can allocate.
 */
const REQUIRED_COLUMNS = [
  'BilledCost',
  'EffectiveCost',
  'BillingAccountId',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ProviderName',
  'ServiceName',
  'ServiceCategory',
] as const;

/**
 * Conditional columns (present when the provider has the construct): read when present, null when the
 * file has no such column.
 */
const CONDITIONAL_COLUMNS = ['ResourceId', 'SubAccountId', 'SubAccountName', 'Tags'] as const;

type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof CONDITIONAL_COLUMNS)[number];

/** The charge categories of FOCUS 1.0-1.2. */
const CHARGE_CATEGORIES = new Set(['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']);

/** One checked row, reduced to what allocation needs. Amounts in units of 10^-18 of the currency. */
export interface FocusCharge {
  billed: bigint;
  effective: bigint;
  currency: string;
  billingAccountId: string;
  /** The billing period as `YYYY-MM-DD` dates (start inclusive, end exclusive). */
  periodStart: string;
  periodEnd: string;
  /** `YYYY-MM` of ChargePeriodStart (UTC): the month the spend counts in. */
  month: string;
  chargeCategory: string;
  provider: string;
  service: string;
  serviceCategory: string;
  subAccountId: string | null;
  subAccountName: string | null;
  resourceId: string | null;
  /** The Tags object as JSON with its keys sorted, or null. */
  tags: string | null;
}

/** A problem in one cell, named by data row (1 is the first row after the header) and column. */
export class RowProblem extends Error {
  readonly row: number;
  readonly column: string;
  constructor(row: number, column: string, reason: string) {
    super(`row ${row}, column ${column}: ${reason}`);
    this.row = row;
    this.column = column;
  }
}

/** Positions of the columns cto reads, or the list of required columns the header lacks. */
export function columnPositions(header: readonly string[]): Map<Column, number> | string[] {
  const at = new Map<string, number>();
  header.forEach((name, i) => {
    const clean = i === 0 ? name.replace(/^\uFEFF/, '') : name;
    if (!at.has(clean.trim())) at.set(clean.trim(), i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !at.has(c));
  if (missing.length > 0) return missing;
  const positions = new Map<Column, number>();
  for (const c of [...REQUIRED_COLUMNS, ...CONDITIONAL_COLUMNS]) {
    const i = at.get(c);
    if (i !== undefined) positions.set(c, i);
  }
  return positions;
}

/** Empty cells and the literal NULL some exporters write are null. */
function cell(values: readonly string[], positions: Map<Column, number>, column: Column): string | null {
  const i = positions.get(column);
  if (i === undefined) return null;
  const v = values[i];
  if (v === undefined || v === '' || v === 'NULL') return null;
  return v;
}

const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]00:?00)?$/;

/** Date-times already read: exports repeat the same few thousand (periods, hours). Emptied when large. */
const seen = new Map<string, number | null>();

/** A FOCUS date-time (ISO 8601 in UTC, `2024-10-01T00:00:00Z` or `2024-10-01 00:00:00`) as epoch ms. */
function dateTime(text: string): number | null {
  let ms = seen.get(text);
  if (ms === undefined) {
    if (seen.size > 100_000) seen.clear();
    ms = readDateTime(text);
    seen.set(text, ms);
  }
  return ms;
}

function readDateTime(text: string): number | null {
  const m = DATE_TIME_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(ms);
  if (back.getUTCDate() !== Number(d) || back.getUTCMonth() !== Number(mo) - 1) return null;
  return ms;
}

const days = new Map<number, string>();

/** `YYYY-MM-DD` (UTC) of epoch ms, remembered. */
function isoDay(ms: number): string {
  let day = days.get(ms);
  if (day === undefined) {
    if (days.size > 100_000) days.clear();
    day = new Date(ms).toISOString().slice(0, 10);
    days.set(ms, day);
  }
  return day;
}

/** Sorted-key JSON of a Tags cell (a JSON object of string keys), or a reason it is not one. */
function normaliseTags(text: string): string | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'is not a JSON object' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { problem: 'is not a JSON object' };
  }
  const entries = Object.entries(parsed as Record<string, unknown>)
    .map(([k, v]): [string, string] => [k.trim(), typeof v === 'string' ? v : JSON.stringify(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

const tagTexts = new Map<string, string | { problem: string }>();

/** normaliseTags, remembered: an export repeats the same tag sets on many rows. */
function tagsOf(text: string): string | { problem: string } {
  let tags = tagTexts.get(text);
  if (tags === undefined) {
    if (tagTexts.size > 100_000) tagTexts.clear();
    tags = normaliseTags(text);
    tagTexts.set(text, tags);
  }
  return tags;
}

/** Checks one data row and reduces it to a charge; throws a RowProblem naming row and column. */
export function readCharge(
  values: readonly string[],
  positions: Map<Column, number>,
  row: number,
): FocusCharge {
  const required = (column: Column): string => {
    const v = cell(values, positions, column);
    if (v === null) throw new RowProblem(row, column, 'is empty; the FOCUS specification requires a value');
    return v;
  };
  const amount = (column: Column): bigint => {
    const v = parseAmount(required(column));
    if (typeof v === 'string') throw new RowProblem(row, column, v);
    return v;
  };
  const when = (column: Column): number => {
    const text = required(column);
    const ms = dateTime(text);
    if (ms === null) throw new RowProblem(row, column, `"${text}" is not a date-time (YYYY-MM-DDTHH:MM:SSZ)`);
    return ms;
  };
  const currency = required('BillingCurrency');
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new RowProblem(row, 'BillingCurrency', `"${currency}" is not an ISO 4217 currency code`);
  }
  const periodStart = when('BillingPeriodStart');
  const periodEnd = when('BillingPeriodEnd');
  if (periodEnd <= periodStart)
    throw new RowProblem(row, 'BillingPeriodEnd', 'is not after BillingPeriodStart');
  const chargeStart = when('ChargePeriodStart');
  const chargeEnd = when('ChargePeriodEnd');
  if (chargeEnd < chargeStart) throw new RowProblem(row, 'ChargePeriodEnd', 'is before ChargePeriodStart');
  const chargeCategory = required('ChargeCategory');
  if (!CHARGE_CATEGORIES.has(chargeCategory)) {
    throw new RowProblem(
      row,
      'ChargeCategory',
      `"${chargeCategory}" is not one of ${[...CHARGE_CATEGORIES].join(', ')}`,
    );
  }
  const rawTags = cell(values, positions, 'Tags');
  const tags = rawTags === null ? null : tagsOf(rawTags);
  if (tags !== null && typeof tags !== 'string') throw new RowProblem(row, 'Tags', tags.problem);
  return {
    billed: amount('BilledCost'),
    effective: amount('EffectiveCost'),
    currency,
    billingAccountId: required('BillingAccountId'),
    periodStart: isoDay(periodStart),
    periodEnd: isoDay(periodEnd),
    month: isoDay(chargeStart).slice(0, 7),
    chargeCategory,
    provider: required('ProviderName'),
    service: required('ServiceName'),
    serviceCategory: required('ServiceCategory'),
    subAccountId: cell(values, positions, 'SubAccountId'),
    subAccountName: cell(values, positions, 'SubAccountName'),
    resourceId: cell(values, positions, 'ResourceId'),
    tags,
  };
}
