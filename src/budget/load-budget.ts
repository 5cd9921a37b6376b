// Labour and the cost of technical debt for a workspace, from the current snapshots of its store.
import { exclusionsFrom } from '../analyses/hotspots/exclude.ts';
import { selectHotspots } from '../analyses/hotspots/select.ts';
import { loadTeams } from '../office/teams.ts';
import { currentRepositories } from '../store/deps.ts';
import { changesNewestFirst, currentHotspots } from '../store/hotspots.ts';
import { currentPeople, currentPersonMonths } from '../store/people.ts';
import { segmentsOf } from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';
import { labourConfig } from './config.ts';
import { type DebtInput, debtInterest, type HotspotInterest, type RepositoryInterest } from './debt.ts';
import { type Labour, labourEffort, monthsBefore } from './labour.ts';

/** Months of the window labour and interest are counted over: the 12 complete months before the reference date's. */
const WINDOW_MONTHS = 12;

export interface BudgetFacts {
  day: string;
  labour: Omit<Labour, 'cells'> & { rated: boolean };
  debt: { hotspots: HotspotInterest[]; repositories: RepositoryInterest[] };
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
  return {
    day,
    labour: { ...rest, rated: config !== null },
    debt: debtInterest(inputs, cells, months, labour.currency),
  };
}
