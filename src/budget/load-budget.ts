// Labour and the cost of technical debt for a workspace, from the current snapshots of its store.
import { exclusionsFrom } from '../analyses/hotspots/exclude.ts';
import { selectHotspots } from '../analyses/hotspots/select.ts';
import { type AllocatedCost, allocatedCosts } from '../costs/allocate.ts';
import type { CostsConfig } from '../costs/config.ts';
import { roundAmount } from '../costs/money.ts';
import { loadTeams } from '../office/teams.ts';
import { currentRepositories } from '../store/deps.ts';
import { changesNewestFirst, currentHotspots } from '../store/hotspots.ts';
import { currentPeople, currentPersonMonths } from '../store/people.ts';
import { segmentsOf } from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';
import { labourConfig } from './config.ts';
import { type DebtInput, debtInterest, type HotspotInterest, type RepositoryInterest } from './debt.ts';
import { type Labour, type LabourRow, labourEffort, monthsBefore } from './labour.ts';
import { type Money, totalsByCurrency } from './money.ts';

/** Months of the window labour and interest are counted over: the 12 complete months before the reference date's. */
const WINDOW_MONTHS = 12;

/** Total cost of ownership a month of one repository or team: labour plus allocated spend, per currency. */
export interface OwnershipCost {
  name: string;
  labourPerMonth: Money | null;
  /** Allocated cloud and SaaS spend (billed) in the window's months, a month on average; one per currency. */
  spendPerMonth: Money[];
  /** Labour and spend added per currency (never converted). */
  totalPerMonth: Money[];
}

export interface BudgetFacts {
  day: string;
  labour: Omit<Labour, 'cells'> & { rated: boolean };
  debt: { hotspots: HotspotInterest[]; repositories: RepositoryInterest[] };
  ownership: { repositories: OwnershipCost[]; teams: OwnershipCost[] };
}

export async function loadBudgetFacts(
  store: Store,
  workspace: { dir: string; config: Record<string, unknown> },
  day: string,
): Promise<BudgetFacts> {
  const config = labourConfig(workspace.config);
  const teams = loadTeams(workspace.dir);
  const months = monthsBefore(day, WINDOW_MONTHS);
  const people = await currentPeople(store, day);
  const labour = labourEffort(await currentPersonMonths(store), people, teams, config, months);
  const selected = selectHotspots(await currentHotspots(store), {
    top: 20,
    folder: null,
    exclusions: exclusionsFrom(workspace.config),
  });
  const inputs: DebtInput[] = [];
  for (const r of await currentRepositories(store)) {
    const hotspots = selected.filter((h) => h.repository === r.name);
    if (hotspots.length === 0) continue;
    const personOf = new Map<string, string>();
    for (const p of people.filter((x) => x.repository === r.name))
      for (const e of p.emails) personOf.set(e.toLowerCase(), p.personId);
    const changes = await changesNewestFirst(store, await segmentsOf(store, r.snapshotId));
    inputs.push({ repository: r.name, hotspots, changes, personOf });
  }
  const { cells, ...rest } = labour;
  const window = new Set(months);
  const spend = (
    await allocatedCosts(store, workspace.config.costs as CostsConfig | undefined, teams)
  ).filter((c) => window.has(c.month));
  return {
    day,
    labour: { ...rest, rated: config !== null },
    debt: debtInterest(inputs, cells, months, labour.currency),
    ownership: {
      repositories: ownership(labour.repositories, spend, (c) => c.repository, months.length),
      teams: ownership(labour.teams, spend, (c) => c.team, months.length),
    },
  };
}

function ownership(
  labour: readonly LabourRow[],
  spend: readonly AllocatedCost[],
  key: (c: AllocatedCost) => string | null,
  months: number,
): OwnershipCost[] {
  const names = new Set([...labour.map((l) => l.name), ...spend.flatMap((c) => key(c) ?? [])]);
  return [...names].sort().map((name) => {
    const perCurrency = new Map<string, bigint>();
    for (const c of spend)
      if (key(c) === name) perCurrency.set(c.currency, (perCurrency.get(c.currency) ?? 0n) + c.billed);
    const spendPerMonth = [...perCurrency.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, sum]) => ({ amount: roundAmount(sum / BigInt(months), 2), currency }));
    const labourPerMonth = labour.find((l) => l.name === name)?.costPerMonth ?? null;
    return {
      name,
      labourPerMonth,
      spendPerMonth,
      totalPerMonth: totalsByCurrency([...(labourPerMonth ? [labourPerMonth] : []), ...spendPerMonth]),
    };
  });
}
