// Allocated spend summed per month and per team, repository, technology, service or provider, with the
// change from one month to the next (docs/costs.md#cto-costs). Sums stay exact.
import type { AllocatedCost } from './allocate.ts';

export const COST_GROUPS = ['team', 'repository', 'technology', 'service', 'provider'] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

/** Groups whose value can be unallocated: their unallocated row is always listed, zero or not. */
const ALLOCATED: ReadonlySet<CostGroup> = new Set(['team', 'repository', 'technology']);

export interface Amounts {
  billed: bigint;
  effective: bigint;
}

export interface CostRow extends Amounts {
  /** The team, repository, ... ; null: unallocated. */
  name: string | null;
  currency: string;
  /** Per month of `months`, in order. */
  months: Amounts[];
}

export interface CostSummary {
  /** Every month from the first to the last with spend, in order (`YYYY-MM`). */
  months: string[];
  currencies: string[];
  /** Per currency: totals and per month. */
  totals: CostRow[];
}

const zero = (): Amounts => ({ billed: 0n, effective: 0n });

function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** The months and currencies of the allocated costs, and the totals per currency. */
export function summariseCosts(costs: readonly AllocatedCost[]): CostSummary {
  const seen = [...new Set(costs.map((c) => c.month))].sort();
  const months = seen.length > 0 ? monthRange(seen[0] as string, seen.at(-1) as string) : [];
  const currencies = [...new Set(costs.map((c) => c.currency))].sort();
  return { months, currencies, totals: groupRows(costs, months, () => null, currencies, false) };
}

function groupRows(
  costs: readonly AllocatedCost[],
  months: readonly string[],
  key: (c: AllocatedCost) => string | null,
  currencies: readonly string[],
  keepUnallocated: boolean,
): CostRow[] {
  const at = new Map(months.map((m, i) => [m, i]));
  const rows = new Map<string, CostRow>();
  const row = (name: string | null, currency: string): CostRow => {
    const id = JSON.stringify([currency, name]);
    let r = rows.get(id);
    if (!r) {
      r = { name, currency, ...zero(), months: months.map(zero) };
      rows.set(id, r);
    }
    return r;
  };
  if (keepUnallocated) for (const cur of currencies) row(null, cur);
  for (const c of costs) {
    const r = row(key(c), c.currency);
    r.billed += c.billed;
    r.effective += c.effective;
    const m = r.months[at.get(c.month) as number] as Amounts;
    m.billed += c.billed;
    m.effective += c.effective;
  }
  return [...rows.values()].sort((a, b) =>
    a.currency !== b.currency
      ? a.currency.localeCompare(b.currency)
      : a.billed === b.billed
        ? String(a.name).localeCompare(String(b.name))
        : a.billed > b.billed
          ? -1
          : 1,
  );
}

/** Rows per value of one group, most billed first; the unallocated row (name null) always present. */
export function costsBy(costs: readonly AllocatedCost[], summary: CostSummary, by: CostGroup): CostRow[] {
  return groupRows(costs, summary.months, (c) => c[by], summary.currencies, ALLOCATED.has(by));
}

/** The change of billed spend from the month before the last to the last: amount and percent (null from zero). */
export function lastChange(row: CostRow): { billed: bigint; percent: number | null } | null {
  const last = row.months.at(-1);
  const previous = row.months.at(-2);
  if (!last || !previous) return null;
  const diff = last.billed - previous.billed;
  if (previous.billed === 0n) return { billed: diff, percent: null };
  // Percent to one decimal, from exact integers: 1000 * diff / previous, rounded half away from zero.
  const scaled = (diff * 2000n) / previous.billed;
  const rounded = scaled >= 0n ? (scaled + 1n) / 2n : (scaled - 1n) / 2n;
  return { billed: diff, percent: Number(rounded) / 10 };
}
