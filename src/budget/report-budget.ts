// What the report's budget area reads: allocated spend (the costs store), the vendor register, labour
// and debt interest. Each part is null when its source is absent (no cost lines, no vendors.yaml, no
// labour rate), so the area can say which command or file would fill it.
import { type AllocatedCost, allocatedCosts } from '../costs/allocate.ts';
import type { CostsConfig } from '../costs/config.ts';
import { roundAmount } from '../costs/money.ts';
import { type CostRow, costsBy, summariseCosts } from '../costs/summary.ts';
import type { Team } from '../office/teams.ts';
import type { Store } from '../store/store.ts';
import { labourConfig } from './config.ts';
import { type BudgetFacts, loadBudgetFacts } from './load-budget.ts';
import { loadVendorsRegister } from './load-vendors.ts';
import type { Money } from './money.ts';
import type { VendorsRegister } from './vendors.ts';

export interface SpendRow {
  name: string | null;
  currency: string;
  total: Money;
  months: Money[];
}

export interface ReportSpend {
  months: string[];
  /** Per currency: total and per month (billed). */
  totals: SpendRow[];
  teams: SpendRow[];
  services: SpendRow[];
  /** Per currency: the unallocated (no team) share of billed spend, 0..1. */
  unallocated: Array<{ currency: string; amount: Money; share: number }>;
}

export interface ReportBudget {
  spend: ReportSpend | null;
  vendors: VendorsRegister | null;
  labour: BudgetFacts | null;
}

const money = (units: bigint, currency: string): Money => ({ amount: roundAmount(units, 2), currency });

function spendRow(r: CostRow): SpendRow {
  return {
    name: r.name,
    currency: r.currency,
    total: money(r.billed, r.currency),
    months: r.months.map((m) => money(m.billed, r.currency)),
  };
}

function reportSpend(costs: readonly AllocatedCost[]): ReportSpend | null {
  if (costs.length === 0) return null;
  const summary = summariseCosts(costs);
  const teams = costsBy(costs, summary, 'team');
  return {
    months: summary.months,
    totals: summary.totals.map(spendRow),
    teams: teams.map(spendRow),
    services: costsBy(costs, summary, 'service').map(spendRow),
    unallocated: summary.totals.map((t) => {
      const none = teams.find((r) => r.name === null && r.currency === t.currency)?.billed ?? 0n;
      return {
        currency: t.currency,
        amount: money(none, t.currency),
        share: t.billed === 0n ? 0 : Number((none * 10_000n) / t.billed) / 10_000,
      };
    }),
  };
}

export async function loadReportBudget(
  store: Store,
  workspace: { dir: string; config: Record<string, unknown> } | null,
  teams: readonly Team[],
  today: string,
): Promise<ReportBudget> {
  const config = workspace?.config ?? {};
  const spend = reportSpend(await allocatedCosts(store, config.costs as CostsConfig | undefined, teams));
  const register = workspace ? await loadVendorsRegister(store, workspace, today) : null;
  const labour =
    workspace && labourConfig(config) !== null ? await loadBudgetFacts(store, workspace, today) : null;
  return { spend, vendors: register?.file.present ? register : null, labour };
}
