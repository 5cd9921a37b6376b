// Hotspots: change frequency times size per file of the snapshot, with complexity and trend beside it.
// Definitions in docs/metrics/code.md.
import type { HotspotsTable } from '../../store/schema.ts';
import type { CommitChanges } from './follow.ts';

export const DAY = 86_400;
export const RECENT_DAYS = 90;
export const BASELINE_DAYS = 365;

export type Trend = 'quiet' | 'new' | 'rising' | 'stable' | 'falling';

export interface FileMeasure {
  path: string;
  code: number;
  complexity: number | null;
}

/** A row of the `hotspots` table without its snapshot, with the trend as its union. */
export type Hotspot = Omit<HotspotsTable, 'snapshot_id' | 'trend'> & { trend: Trend };

/** Recent commits against the 90-day average of the year before them. */
export function trendOf(recent: number, baseline: number): Trend {
  if (recent === 0 && baseline === 0) return 'quiet';
  if (baseline === 0) return 'new';
  if (recent >= 1.5 * baseline && recent - baseline >= 1) return 'rising';
  if (recent <= 0.5 * baseline) return 'falling';
  return 'stable';
}

/** One row per file of the snapshot; `now` is the snapshot commit's committer time (epoch seconds). */
export function computeHotspots(
  files: FileMeasure[],
  commits: Iterable<CommitChanges>,
  now: number,
): Hotspot[] {
  const recentFrom = now - RECENT_DAYS * DAY;
  const baselineFrom = recentFrom - BASELINE_DAYS * DAY;
  const acc = new Map(
    files.map((f) => [
      f.path,
      {
        ...f,
        commits: 0,
        authors: new Set<string>(),
        added: 0,
        deleted: 0,
        first: null as CommitChanges | null,
        last: null as CommitChanges | null,
        recent: 0,
        prior: 0,
      },
    ]),
  );
  for (const c of commits) {
    for (const ch of c.changes) {
      const a = acc.get(ch.path);
      if (!a) continue;
      a.commits++;
      a.authors.add(c.author);
      a.added += ch.added;
      a.deleted += ch.deleted;
      if (!a.first || c.ts <= a.first.ts) a.first = c;
      if (!a.last || c.ts > a.last.ts) a.last = c;
      if (c.ts > recentFrom && c.ts <= now) a.recent++;
      else if (c.ts > baselineFrom && c.ts <= recentFrom) a.prior++;
    }
  }
  return [...acc.values()].map((a) => {
    const baseline = Math.round(((a.prior * RECENT_DAYS) / BASELINE_DAYS) * 100) / 100;
    return {
      path: a.path,
      commits: a.commits,
      authors: a.authors.size,
      lines_added: a.added,
      lines_deleted: a.deleted,
      first_change_at: a.first?.date ?? null,
      first_change_ts: a.first?.ts ?? null,
      last_change_at: a.last?.date ?? null,
      last_change_ts: a.last?.ts ?? null,
      code: a.code,
      complexity: a.complexity,
      score: a.commits * a.code,
      recent_commits: a.recent,
      baseline_commits: baseline,
      trend: trendOf(a.recent, (a.prior * RECENT_DAYS) / BASELINE_DAYS),
    };
  });
}
