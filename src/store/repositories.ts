// Queries for listing repositories and their current snapshots.
import type { Store } from './store.ts';

export interface RepositorySummary {
  name: string;
  path: string;
  snapshotId: number | null;
  commit: string | null;
  ref: string | null;
  status: string | null;
  commits: number;
  authors: number;
  files: number;
  firstCommitAt: string | null;
  lastCommitAt: string | null;
  scannedAt: string | null;
}

export async function listRepositories(store: Store): Promise<RepositorySummary[]> {
  const rows = await store.db
    .selectFrom('repositories as r')
    .leftJoin('snapshots as s', 's.id', 'r.current_snapshot_id')
    .select([
      'r.name',
      'r.path',
      's.id as snapshotId',
      's.commit_sha',
      's.ref',
      's.status',
      's.commits_count',
      's.authors_count',
      's.files_count',
      's.first_commit_at',
      's.last_commit_at',
      's.finished_at',
    ])
    .orderBy('r.name')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    path: r.path,
    snapshotId: r.snapshotId,
    commit: r.commit_sha,
    ref: r.ref,
    status: r.status,
    commits: r.commits_count ?? 0,
    authors: r.authors_count ?? 0,
    files: r.files_count ?? 0,
    firstCommitAt: r.first_commit_at,
    lastCommitAt: r.last_commit_at,
    scannedAt: r.finished_at,
  }));
}
