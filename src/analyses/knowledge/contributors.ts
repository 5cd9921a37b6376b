// Contributors of one snapshot's history: identities resolved, then commits, lines, first and last
// commit, recent activity and monthly activity per person (docs/metrics/people.md), from what a
// KnowledgeTally kept of the history.

import {
  type IdentityOptions,
  type IdentityResult,
  resolveIdentities,
} from '../../people/identities/index.ts';
import type { KnowledgeTally } from './tally.ts';

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

/** Identities resolved over every identity of the history, then contributors with their months and days. */
export function contributorsOf(tally: KnowledgeTally, options: IdentityOptions): ContributorsResult {
  const identities = resolveIdentities(tally.seen(), options);
  return { identities, ...tally.contributors(identities) };
}
