// People and knowledge: the history facts the `knowledge` analysis reads, and what the people,
// knowledge and teams commands show.
import type { Store } from './store.ts';

export interface CommitFact {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorDate: string;
  authorTs: number;
  committerTs: number;
  linesAdded: number;
  linesDeleted: number;
}

export interface ChangeFact {
  commitSha: string;
  path: string;
  oldPath: string | null;
  status: string;
}

export interface TreeFileFact {
  path: string;
  lines: number | null;
  isBinary: number | null;
}

/** Commits and file changes of a snapshot's history (the union of its segments). */
export async function historyFacts(
  store: Store,
  segments: readonly number[],
): Promise<{ commits: CommitFact[]; changes: ChangeFact[] }> {
  if (segments.length === 0) return { commits: [], changes: [] };
  const rows = await store.db
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
    .where('snapshot_id', 'in', [...segments])
    .execute();
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
  const changeRows = await store.db
    .selectFrom('file_changes')
    .select(['commit_sha', 'path', 'old_path', 'status'])
    .where('snapshot_id', 'in', [...segments])
    .execute();
  const changes = changeRows.map((r) => ({
    commitSha: r.commit_sha,
    path: r.path,
    oldPath: r.old_path,
    status: r.status,
  }));
  return { commits, changes };
}

/** Regular files (not symlinks or submodules) of a snapshot's tree. */
export async function treeFiles(store: Store, snapshotId: number): Promise<TreeFileFact[]> {
  const rows = await store.db
    .selectFrom('files')
    .select(['path', 'lines', 'is_binary'])
    .where('snapshot_id', '=', snapshotId)
    .where('kind', 'in', ['file', 'executable'])
    .execute();
  return rows.map((r) => ({ path: r.path, lines: r.lines, isBinary: r.is_binary }));
}
