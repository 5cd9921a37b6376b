// Activity per week and per month: non-merge commits, active contributors (bots left out), lines.
import { authorEmailKey, isBot } from '../../people/identities/index.ts';
import { DAY } from '../../reference-date.ts';

interface ActivityCommit {
  author_name: string;
  author_email: string;
  author_ts: number;
  parent_count: number;
  lines_added: number;
  lines_deleted: number;
}

export type PeriodKind = 'week' | 'month';

export interface ActivityPeriod {
  kind: PeriodKind;
  /** First day of the period (UTC): the Monday of an ISO week, or the first of the month. */
  start: string;
  commits: number;
  contributors: number;
  linesAdded: number;
  linesDeleted: number;
}

/** Monday of the ISO week holding `ts` (UTC). Day 0 (1970-01-01) was a Thursday. */
function weekStart(ts: number): string {
  const d = Math.floor(ts / DAY);
  return new Date((d - ((d + 3) % 7)) * DAY * 1000).toISOString().slice(0, 10);
}

function monthStart(ts: number): string {
  return `${new Date(ts * 1000).toISOString().slice(0, 7)}-01`;
}

interface Bucket {
  commits: number;
  people: Set<string>;
  added: number;
  deleted: number;
}

export function activity(commits: readonly ActivityCommit[]): ActivityPeriod[] {
  const buckets = new Map<string, Bucket>();
  const bots = new Map<string, boolean>();
  for (const c of commits) {
    if (c.parent_count > 1) continue;
    const email = authorEmailKey(c.author_email);
    const key = `${c.author_name}\u0000${email}`;
    let bot = bots.get(key);
    if (bot === undefined) {
      bot = isBot(c.author_name, c.author_email);
      bots.set(key, bot);
    }
    for (const period of [`week ${weekStart(c.author_ts)}`, `month ${monthStart(c.author_ts)}`]) {
      let b = buckets.get(period);
      if (!b) {
        b = { commits: 0, people: new Set(), added: 0, deleted: 0 };
        buckets.set(period, b);
      }
      b.commits++;
      b.added += c.lines_added;
      b.deleted += c.lines_deleted;
      if (!bot) b.people.add(email);
    }
  }
  return [...buckets.entries()]
    .map(([key, b]) => {
      const [kind, start] = key.split(' ') as [PeriodKind, string];
      return {
        kind,
        start,
        commits: b.commits,
        contributors: b.people.size,
        linesAdded: b.added,
        linesDeleted: b.deleted,
      };
    })
    .sort((a, b) => (a.kind === b.kind ? a.start.localeCompare(b.start) : a.kind.localeCompare(b.kind)));
}
