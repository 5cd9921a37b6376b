// Labour: engineering effort per repository and team from the stored person-months of commit activity,
// priced at the loaded cost per person-month of cto.yaml (docs/metrics/budget.md#labour). An estimate:
// a person who commits in a month counts one person-month, split over the repositories they committed
// to that month by their commits there.
import { roundAmount } from '../costs/money.ts';
import { type Team, teamOfPerson, teamsOwning } from '../office/teams.ts';
import type { StoredPersonMonth } from '../store/people.ts';
import type { LabourConfig } from './config.ts';
import { type Money, units } from './money.ts';

/** Effort is counted in millionths of a person-month: exact enough, and integer. */
const EFFORT_SCALE = 1_000_000n;

interface PersonRef {
  repository: string;
  personId: string;
  names: readonly string[];
  emails: readonly string[];
}

/** One person's effort in one repository and month, and what it costs. */
export interface EffortCell {
  repository: string;
  personId: string;
  month: string;
  team: string | null;
  /** Person-months in millionths. */
  effort: bigint;
  /** Exact cost units (src/costs/money.ts), null without a rate. */
  cost: bigint | null;
}

export interface LabourRow {
  name: string;
  personMonths: number;
  /** Over the window; null when no rate applies to any of it. */
  cost: Money | null;
  costPerMonth: Money | null;
  months: Array<{ month: string; personMonths: number; cost: Money | null }>;
}

export interface Labour {
  currency: string | null;
  months: string[];
  repositories: LabourRow[];
  teams: LabourRow[];
  /** Person-months with no rate (no default and the person's team has none). */
  unratedPersonMonths: number;
  cells: EffortCell[];
}

/** The `count` complete calendar months before the month of `day` (YYYY-MM, oldest first). */
export function monthsBefore(day: string, count: number): string[] {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count; i >= 1; i--) {
    const idx = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The team a person's effort counts for: their team in teams.yaml, else the team owning the repository. */
function teamOf(teams: readonly Team[], person: PersonRef | undefined, repository: string): string | null {
  const own = person ? teamOfPerson(teams, [...person.names, ...person.emails])[0] : undefined;
  return own ?? teamsOwning(teams, repository)[0] ?? null;
}

function rateOf(labour: LabourConfig | null, team: string | null): bigint | null {
  if (!labour) return null;
  const rate = (team !== null ? labour.teams?.[team] : undefined) ?? labour.default;
  return rate === undefined ? null : units(rate);
}

export function labourEffort(
  personMonths: readonly StoredPersonMonth[],
  people: readonly PersonRef[],
  teams: readonly Team[],
  labour: LabourConfig | null,
  months: readonly string[],
): Labour {
  const window = new Set(months);
  const rows = personMonths.filter((p) => window.has(p.month) && p.commits > 0);
  const total = new Map<string, number>();
  for (const r of rows)
    total.set(`${r.personId}\0${r.month}`, (total.get(`${r.personId}\0${r.month}`) ?? 0) + r.commits);
  const personOf = new Map(people.map((p) => [`${p.repository}\0${p.personId}`, p]));
  const cells: EffortCell[] = rows.map((r) => {
    const all = BigInt(total.get(`${r.personId}\0${r.month}`) ?? r.commits);
    const team = teamOf(teams, personOf.get(`${r.repository}\0${r.personId}`), r.repository);
    const rate = rateOf(labour, team);
    return {
      repository: r.repository,
      personId: r.personId,
      month: r.month,
      team,
      effort: (BigInt(r.commits) * EFFORT_SCALE) / all,
      cost: rate === null ? null : (rate * BigInt(r.commits)) / all,
    };
  });
  const currency = labour?.currency ?? null;
  const unrated = cells.filter((c) => c.cost === null).reduce((a, c) => a + c.effort, 0n);
  return {
    currency,
    months: [...months],
    repositories: rollUp(cells, (c) => c.repository, months, currency),
    teams: rollUp(
      cells.filter((c) => c.team !== null),
      (c) => c.team as string,
      months,
      currency,
    ),
    unratedPersonMonths: personMonths0(unrated),
    cells,
  };
}

function personMonths0(effort: bigint): number {
  return Math.round(Number((effort * 100n) / EFFORT_SCALE)) / 100;
}

export function money(sum: bigint | null, currency: string | null): Money | null {
  return sum === null || currency === null ? null : { amount: roundAmount(sum, 2), currency };
}

function rollUp(
  cells: readonly EffortCell[],
  key: (c: EffortCell) => string,
  months: readonly string[],
  currency: string | null,
): LabourRow[] {
  const groups = new Map<string, EffortCell[]>();
  for (const c of cells) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  const sum = (list: readonly EffortCell[]) => {
    const priced = list.filter((c) => c.cost !== null);
    return {
      effort: list.reduce((a, c) => a + c.effort, 0n),
      cost: priced.length === 0 ? null : priced.reduce((a, c) => a + (c.cost as bigint), 0n),
    };
  };
  return [...groups.entries()]
    .map(([name, list]) => {
      const all = sum(list);
      return {
        name,
        personMonths: personMonths0(all.effort),
        cost: money(all.cost, currency),
        costPerMonth: money(
          all.cost === null ? null : all.cost / BigInt(Math.max(1, months.length)),
          currency,
        ),
        months: months.map((month) => {
          const m = sum(list.filter((c) => c.month === month));
          return { month, personMonths: personMonths0(m.effort), cost: money(m.cost, currency) };
        }),
      };
    })
    .sort((a, b) => b.personMonths - a.personMonths || a.name.localeCompare(b.name));
}
