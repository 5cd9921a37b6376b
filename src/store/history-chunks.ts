// The history of a snapshot read a bounded number of commits at a time, for analyses that keep
// aggregates per file or person: one chunk is all they hold of the history at once (docs/development/performance.md).
import { type ChangeRow, changeRows } from './hotspots.ts';
import { type ChangeFact, COMMIT_FACT_COLUMNS, type CommitFact, commitFact } from './people.ts';
import type { Store } from './store.ts';

/**
 * Commits per chunk (a chunk of 500 commits of git/git holds about 800 changes), and commit keys read
 * per query when ordering the history. Tests lower both to make every history span many chunks.
 */
export const HISTORY_CHUNK = { commits: 500, keys: 20_000 };

/**
 * Every commit of the segments, newest first (committer date, then sha, then segment, descending),
 * held compactly: dates in a Float64Array, shas as fixed-width slices of a few long strings, and
 * the order as a Uint32Array. About 60 bytes a commit (5 MB for git/git's 82,000), where rows as
 * objects would take several times that; the keys are read in primary-key order, which needs no
 * sort of the whole table per chunk (a keyset page on the date would sort it each time).
 */
async function commitsNewestFirst(
  store: Store,
  segments: readonly number[],
): Promise<{ count: number; segment: (i: number) => number; sha: (i: number) => string }> {
  const KEYS_PER_QUERY = HISTORY_CHUNK.keys;
  const ts: number[] = [];
  const seg: number[] = [];
  const pages: string[] = [];
  const shas: string[] = [];
  let width = 0;
  for (const segment of [...new Set(segments)].sort((a, b) => a - b)) {
    let after: string | null = null;
    for (;;) {
      let q = store.db
        .selectFrom('commits')
        .select(['sha', 'committer_ts as ts'])
        .where('snapshot_id', '=', segment);
      if (after !== null) q = q.where('sha', '>', after);
      const rows = await q.orderBy('sha').limit(KEYS_PER_QUERY).execute();
      for (const r of rows) {
        ts.push(Number(r.ts));
        seg.push(segment);
        shas.push(r.sha);
        width = Math.max(width, r.sha.length);
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < KEYS_PER_QUERY) break;
      after = last.sha;
    }
  }
  // Shas padded with spaces to one width (a space sorts before any hex digit, as a shorter string
  // sorts before a longer one), joined KEYS_PER_QUERY at a time.
  for (let i = 0; i < shas.length; i += KEYS_PER_QUERY)
    pages.push(
      shas
        .slice(i, i + KEYS_PER_QUERY)
        .map((h) => h.padEnd(width))
        .join(''),
    );
  shas.length = 0;
  const dates = Float64Array.from(ts);
  const segs = Int32Array.from(seg);
  const shaAt = (i: number): string => {
    const o = (i % KEYS_PER_QUERY) * width;
    return (pages[Math.floor(i / KEYS_PER_QUERY)] as string).slice(o, o + width);
  };
  const order = new Uint32Array(dates.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => {
    const d = (dates[b] as number) - (dates[a] as number);
    if (d !== 0) return d;
    const x = shaAt(a);
    const y = shaAt(b);
    return x < y ? 1 : x > y ? -1 : (segs[b] as number) - (segs[a] as number);
  });
  return {
    count: order.length,
    segment: (i) => segs[order[i] as number] as number,
    sha: (i) => shaAt(order[i] as number).trimEnd(),
  };
}

/**
 * The same rows as `changesNewestFirst`, read a bounded number of commits at a time: each chunk holds
 * the changes of up to `commitsPer` commits (in the same order), so a reader that keeps aggregates per
 * file holds one chunk of the history at once, never all of it (besides the compact order of the
 * commits). A commit's changes are never split over two chunks.
 */
export async function* changeChunksNewestFirst(
  store: Store,
  segments: readonly number[],
  commitsPer = HISTORY_CHUNK.commits,
): AsyncGenerator<ChangeRow[]> {
  if (segments.length === 0) return;
  const commits = await commitsNewestFirst(store, segments);
  for (let start = 0; start < commits.count; start += commitsPer) {
    const bySegment = new Map<number, string[]>();
    for (let i = start; i < Math.min(commits.count, start + commitsPer); i++) {
      const segment = commits.segment(i);
      const list = bySegment.get(segment);
      if (list) list.push(commits.sha(i));
      else bySegment.set(segment, [commits.sha(i)]);
    }
    const rows = await changeRows(store)
      .where((eb) =>
        eb.or(
          [...bySegment].map(([segment, shas]) =>
            eb.and([eb('f.snapshot_id', '=', segment), eb('f.commit_sha', 'in', shas)]),
          ),
        ),
      )
      .orderBy('c.committer_ts', 'desc')
      .orderBy('c.sha', 'desc')
      .orderBy('f.path')
      .execute();
    if (rows.length > 0) yield rows;
  }
}

/**
 * The commits of a snapshot's history (the union of its segments) and their file changes, a chunk of
 * commits at a time in (segment, sha) order: every change comes in the chunk of its commit.
 */
export async function* historyFactChunks(
  store: Store,
  segments: readonly number[],
  commitsPer = HISTORY_CHUNK.commits,
): AsyncGenerator<{ commits: CommitFact[]; changes: ChangeFact[] }> {
  const segs = [...segments].sort((a, b) => a - b);
  for (const segment of segs) {
    let after: string | null = null;
    for (;;) {
      let q = store.db.selectFrom('commits').select(COMMIT_FACT_COLUMNS).where('snapshot_id', '=', segment);
      if (after !== null) q = q.where('sha', '>', after);
      const rows = await q.orderBy('sha').limit(commitsPer).execute();
      const last = rows[rows.length - 1];
      if (!last) break;
      after = last.sha;
      const commits = rows.map(commitFact);
      // The changes of exactly these commits: between the first and the last sha of the page.
      const changes = await store.db
        .selectFrom('file_changes')
        .select(['commit_sha as commitSha', 'path', 'old_path as oldPath', 'status'])
        .where('snapshot_id', '=', segment)
        .where('commit_sha', '>=', (rows[0] as { sha: string }).sha)
        .where('commit_sha', '<=', last.sha)
        .execute();
      yield { commits, changes };
      if (rows.length < commitsPer) break;
    }
  }
}
