// What `cto skills` reads: who changed which files, in each repository's current snapshot history.
import type { Store } from './store.ts';

interface FileTouch {
  repository: string;
  authorName: string;
  authorEmail: string;
  authorTs: number;
  sha: string;
  path: string;
}

/** Every file change of the current snapshots' histories with its commit's author (merges included). */
export async function currentFileTouches(store: Store): Promise<FileTouch[]> {
  const rows = await store.db
    .selectFrom('repositories as r')
    .innerJoin('snapshot_segments as ss', 'ss.snapshot_id', 'r.current_snapshot_id')
    .innerJoin('commits as c', 'c.snapshot_id', 'ss.segment_id')
    .innerJoin('file_changes as f', (j) =>
      j.onRef('f.snapshot_id', '=', 'c.snapshot_id').onRef('f.commit_sha', '=', 'c.sha'),
    )
    .select(['r.name as repository', 'c.sha', 'c.author_name', 'c.author_email', 'c.author_ts', 'f.path'])
    .execute();
  return rows.map((r) => ({
    repository: r.repository,
    authorName: r.author_name,
    authorEmail: r.author_email,
    authorTs: Number(r.author_ts),
    sha: r.sha,
    path: r.path,
  }));
}
