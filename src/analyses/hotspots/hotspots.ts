// Hotspots: change frequency times size per file of the snapshot, with complexity and trend beside it.
// Definitions in docs/metrics/code.md.

import { ACTIVE_WINDOW_DAYS, DAY, RECENT_WINDOW_DAYS } from '../../reference-date.ts';
import type { HotspotsTable } from '../../store/schema.ts';
import type { CommitChanges } from './follow.ts';

export const RECENT_DAYS = RECENT_WINDOW_DAYS;
const BASELINE_DAYS = ACTIVE_WINDOW_DAYS;

type Trend = 'quiet' | 'new' | 'rising' | 'stable' | 'falling';

interface FileMeasure {
  path: string;
  code: number;
  complexity: number | null;
}

/** A row of the `hotspots` table without its snapshot, with the trend as its union. */
type Hotspot = Omit<HotspotsTable, 'snapshot_id' | 'trend'> & { trend: Trend };

/** Recent commits against the 90-day average of the year before them. */
export function trendOf(recent: number, baseline: number): Trend {
  if (recent === 0 && baseline === 0) return 'quiet';
  if (baseline === 0) return 'new';
  if (recent >= 1.5 * baseline && recent - baseline >= 1) return 'rising';
  if (recent <= 0.5 * baseline) return 'falling';
  return 'stable';
}

/**
 * One row per file of the snapshot; `now` is the last second of the reference date (epoch seconds).
 */
export function computeHotspots(
  files: readonly FileMeasure[],
  commits: Iterable<CommitChanges>,
  now: number,
): Hotspot[] {
  const counter = hotspotCounter(files, now);
  for (const c of commits) counter.add(c);
  return counter.rows();
}

/**
 * The counts behind `computeHotspots`, fed one commit at a time (the history is streamed, never
 * held). Counts are kept in arrays by file index, the first and last change as a date, and a file's
 * authors in a set only once it has a second one: a tree of a million files costs a few numbers per
 * file until the rows are made, however long the history.
 */
export function hotspotCounter(files: readonly FileMeasure[], now: number) {
  const recentFrom = now - RECENT_DAYS * DAY;
  const baselineFrom = recentFrom - BASELINE_DAYS * DAY;
  const n = files.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set((files[i] as { path: string }).path, i);
  const counts = { commits: new Int32Array(n), recent: new Int32Array(n), prior: new Int32Array(n) };
  const added = new Float64Array(n);
  const deleted = new Float64Array(n);
  const firstTs = new Float64Array(n).fill(Number.NaN);
  const lastTs = new Float64Array(n).fill(Number.NaN);
  const firstDate: Array<string | undefined> = new Array(n);
  const lastDate: Array<string | undefined> = new Array(n);
  const author: Array<string | undefined> = new Array(n);
  const authors = new Map<number, Set<string>>(); // files with more than one author
  const add = (c: CommitChanges): void => {
    for (const ch of c.changes) {
      const i = index.get(ch.path);
      if (i === undefined) continue;
      counts.commits[i]! += 1;
      if (author[i] === undefined) author[i] = c.author;
      else if (author[i] !== c.author || authors.has(i)) {
        const set = authors.get(i) ?? new Set([author[i] as string]);
        authors.set(i, set.add(c.author));
      }
      added[i]! += ch.added;
      deleted[i]! += ch.deleted;
      if (firstDate[i] === undefined || c.ts <= firstTs[i]!) {
        firstTs[i] = c.ts;
        firstDate[i] = c.date;
      }
      if (lastDate[i] === undefined || c.ts > lastTs[i]!) {
        lastTs[i] = c.ts;
        lastDate[i] = c.date;
      }
      if (c.ts > recentFrom && c.ts <= now) counts.recent[i]! += 1;
      else if (c.ts > baselineFrom && c.ts <= recentFrom) counts.prior[i]! += 1;
    }
  };
  const rows = (): Hotspot[] =>
    files.map((file, i) => {
      const prior = counts.prior[i]!;
      const recent = counts.recent[i]!;
      const seen = firstDate[i] !== undefined;
      return {
        path: file.path,
        commits: counts.commits[i]!,
        authors: authors.get(i)?.size ?? (author[i] === undefined ? 0 : 1),
        lines_added: added[i]!,
        lines_deleted: deleted[i]!,
        first_change_at: firstDate[i] ?? null,
        first_change_ts: seen ? firstTs[i]! : null,
        last_change_at: lastDate[i] ?? null,
        last_change_ts: seen ? lastTs[i]! : null,
        code: file.code,
        complexity: file.complexity,
        score: counts.commits[i]! * file.code,
        recent_commits: recent,
        baseline_commits: Math.round(((prior * RECENT_DAYS) / BASELINE_DAYS) * 100) / 100,
        trend: trendOf(recent, (prior * RECENT_DAYS) / BASELINE_DAYS),
      };
    });
  return { add, rows };
}
