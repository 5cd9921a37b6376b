// The history of a snapshot read a bounded number of commits at a time, for analyses that keep
// aggregates per file or person: one chunk is all they hold of the history at once (docs/development/performance.md).
import type { ChangeRow } from './hotspots.ts';
import type { ChangeFact, CommitFact } from './people.ts';
import type { Store } from './store.ts';

/**
 * Commits per chunk. A chunk of 2,000 commits of git/git holds a few thousand changes; tests lower
 * it to make every history span many chunks.
 */
export const HISTORY_CHUNK = { commits: 2000 };

/**
 * The same rows as `changesNewestFirst`, read a bounded number of commits at a time: each chunk holds
 * the changes of up to `commitsPer` commits (in the same order), so a reader that keeps aggregates per
 * file holds one chunk of the history at once, never all of it. Commits are paged on their
 * (committer date, sha, segment) key; a commit's changes are never split over two chunks.
 */
export async function* changeChunksNewestFirst(
  store: Store,
  segments: readonly number[],
  commitsPer = HISTORY_CHUNK.commits,
): AsyncGenerator<ChangeRow[]> {
  if (segments.length === 0) return;
  const segs = [...segments];
  let after: { ts: number; sha: string; segment: number } | null = null;
  for (;;) {
    let q = store.db
      .selectFrom('commits')
      .select(['snapshot_id as segment', 'sha', 'committer_ts as ts'])
      .where('snapshot_id', 'in', segs);
    if (after) {
      const { ts, sha, segment } = after;
      q = q.where((eb) =>
        eb.or([
          eb('committer_ts', '<', ts),
          eb.and([eb('committer_ts', '=', ts), eb('sha', '<', sha)]),
          eb.and([eb('committer_ts', '=', ts), eb('sha', '=', sha), eb('snapshot_id', '<', segment)]),
        ]),
      );
    }
    const page = await q
      .orderBy('committer_ts', 'desc')
      .orderBy('sha', 'desc')
      .orderBy('snapshot_id', 'desc')
      .limit(commitsPer)
      .execute();
    const last = page[page.length - 1];
    if (!last) return;
    after = { ts: Number(last.ts), sha: last.sha, segment: Number(last.segment) };
    const bySegment = new Map<number, string[]>();
    for (const c of page) {
      const list = bySegment.get(Number(c.segment));
      if (list) list.push(c.sha);
      else bySegment.set(Number(c.segment), [c.sha]);
    }
    const rows = await store.db
      .selectFrom('file_changes as f')
      .innerJoin('commits as c', (j) =>
        j.onRef('c.snapshot_id', '=', 'f.snapshot_id').onRef('c.sha', '=', 'f.commit_sha'),
      )
      .select([
        'c.sha',
        'c.committer_ts as ts',
        'c.committer_date as date',
        'c.author_email as author',
        'f.path',
        'f.old_path as oldPath',
        'f.status',
        'f.added',
        'f.deleted',
      ])
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
    if (page.length < commitsPer) return;
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
      let q = store.db
        .selectFrom('commits')
        .select([
          'sha',
          'parents',
          'author_name',
          'author_email',
          'author_date',
          'author_ts',
          'committer_ts',
          'lines_added',
          'lines_deleted',
        ])
        .where('snapshot_id', '=', segment);
      if (after !== null) q = q.where('sha', '>', after);
      const rows = await q.orderBy('sha').limit(commitsPer).execute();
      const last = rows[rows.length - 1];
      if (!last) break;
      after = last.sha;
      const commits = rows.map((r) => ({
        sha: r.sha,
        parents: r.parents === '' ? [] : r.parents.split(' '),
        authorName: r.author_name,
        authorEmail: r.author_email,
        authorDate: r.author_date,
        authorTs: Number(r.author_ts),
        committerTs: Number(r.committer_ts),
        linesAdded: r.lines_added,
        linesDeleted: r.lines_deleted,
      }));
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
