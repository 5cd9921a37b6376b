// Contributors of one snapshot's history: identities resolved, then commits, lines, first and last
// commit, recent activity and monthly activity per person (docs/metrics/people.md).

import {
  type IdentityOptions,
  type IdentityResult,
  resolveIdentities,
} from '../../people/identities/index.ts';
import { ACTIVE_WINDOW_DAYS, RECENT_WINDOW_DAYS, within } from '../../reference-date.ts';
import type { CommitFact } from '../../store/people.ts';

export interface Contributor {
  personId: string;
  name: string;
  names: string[];
  emails: string[];
  bot: boolean;
  commits: number;
  linesAdded: number;
  linesDeleted: number;
  firstCommitAt: string;
  firstCommitTs: number;
  lastCommitAt: string;
  lastCommitTs: number;
  commits90d: number;
  commits365d: number;
}

export interface MonthActivity {
  personId: string;
  period: string;
  commits: number;
  linesAdded: number;
  linesDeleted: number;
}

/** A contributor's commits on one day (UTC): the window-free fact windows are counted from at read time. */
export interface DayActivity {
  personId: string;
  day: string;
  commits: number;
}

interface ContributorsResult {
  identities: IdentityResult;
  contributors: Contributor[];
  months: MonthActivity[];
  days: DayActivity[];
}

export function contributorsOf(
  commits: readonly CommitFact[],
  referenceTs: number,
  options: IdentityOptions,
): ContributorsResult {
  const seen = new Map<string, { name: string; email: string; commits: number }>();
  for (const c of commits) {
    const key = `${c.authorName}\0${c.authorEmail}`;
    const e = seen.get(key) ?? { name: c.authorName, email: c.authorEmail, commits: 0 };
    e.commits += 1;
    seen.set(key, e);
  }
  const identities = resolveIdentities([...seen.values()], options);
  const byId = new Map<string, Contributor>();
  const months = new Map<string, MonthActivity>();
  const days = new Map<string, DayActivity>();
  for (const p of identities.people) {
    byId.set(p.id, {
      personId: p.id,
      name: p.name,
      names: p.names,
      emails: p.emails,
      bot: p.bot,
      commits: 0,
      linesAdded: 0,
      linesDeleted: 0,
      firstCommitAt: '',
      firstCommitTs: Number.POSITIVE_INFINITY,
      lastCommitAt: '',
      lastCommitTs: Number.NEGATIVE_INFINITY,
      commits90d: 0,
      commits365d: 0,
    });
  }
  for (const c of commits) {
    const id = identities.personOf({ name: c.authorName, email: c.authorEmail });
    const p = byId.get(id)!;
    p.commits += 1;
    p.linesAdded += c.linesAdded;
    p.linesDeleted += c.linesDeleted;
    if (c.authorTs < p.firstCommitTs) [p.firstCommitTs, p.firstCommitAt] = [c.authorTs, c.authorDate];
    if (c.authorTs > p.lastCommitTs) [p.lastCommitTs, p.lastCommitAt] = [c.authorTs, c.authorDate];
    if (within(c.authorTs, referenceTs, RECENT_WINDOW_DAYS)) p.commits90d += 1;
    if (within(c.authorTs, referenceTs, ACTIVE_WINDOW_DAYS)) p.commits365d += 1;
    const day = new Date(c.authorTs * 1000).toISOString().slice(0, 10);
    const d = days.get(`${id}\0${day}`) ?? { personId: id, day, commits: 0 };
    d.commits += 1;
    days.set(`${id}\0${day}`, d);
    const period = day.slice(0, 7);
    const key = `${id}\0${period}`;
    const m = months.get(key) ?? { personId: id, period, commits: 0, linesAdded: 0, linesDeleted: 0 };
    m.commits += 1;
    m.linesAdded += c.linesAdded;
    m.linesDeleted += c.linesDeleted;
    months.set(key, m);
  }
  const contributors = [...byId.values()]
    .filter((p) => p.commits > 0)
    .sort((a, b) => b.commits - a.commits || (a.personId < b.personId ? -1 : 1));
  const sortedMonths = [...months.values()].sort((a, b) =>
    a.personId === b.personId ? (a.period < b.period ? -1 : 1) : a.personId < b.personId ? -1 : 1,
  );
  const sortedDays = [...days.values()].sort((a, b) =>
    a.personId === b.personId ? (a.day < b.day ? -1 : 1) : a.personId < b.personId ? -1 : 1,
  );
  return { identities, contributors, months: sortedMonths, days: sortedDays };
}
