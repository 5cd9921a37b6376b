// History of file changes for hotspots and change coupling, and the stored results for the CLI.
import type { CouplingTable, HotspotsTable } from './schema.ts';
import type { Store } from './store.ts';

export interface ChangeRow {
  sha: string;
  ts: number;
  date: string;
  author: string;
  path: string;
  oldPath: string | null;
  status: string;
  added: number | null;
  deleted: number | null;
}

/** File changes joined to their commits, selected as ChangeRow (the caller says which and in what order). */
export function changeRows(store: Store) {
  return store.db
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
    ]);
}

/** Every file change of a snapshot's history, newest commit first (committer date, then sha). */
export async function changesNewestFirst(store: Store, segments: number[]): Promise<ChangeRow[]> {
  if (segments.length === 0) return [];
  const rows = await changeRows(store)
    .where('f.snapshot_id', 'in', segments)
    .orderBy('c.committer_ts', 'desc')
    .orderBy('c.sha', 'desc')
    .orderBy('f.path')
    .execute();
  return rows;
}

export type HotspotRow = Omit<HotspotsTable, 'snapshot_id'> & { repository: string; category: string };
export type CouplingRow = Omit<CouplingTable, 'snapshot_id'> & { repository: string };

/** Hotspot rows of each repository's current snapshot (or one repository), with each file's category. */
export async function currentHotspots(store: Store, repository?: string): Promise<HotspotRow[]> {
  let q = store.db
    .selectFrom('repositories as r')
    .innerJoin('hotspots as h', 'h.snapshot_id', 'r.current_snapshot_id')
    .leftJoin('code_files as f', (j) =>
      j.onRef('f.snapshot_id', '=', 'h.snapshot_id').onRef('f.path', '=', 'h.path'),
    )
    .selectAll('h')
    .select(['r.name as repository', 'f.category']);
  if (repository !== undefined) q = q.where('r.name', '=', repository);
  const rows = await q.orderBy('h.score', 'desc').orderBy('h.path').execute();
  return rows.map(({ snapshot_id: _, category, ...r }) => ({ ...r, category: category ?? 'unknown' }));
}

export async function currentCoupling(store: Store, repository?: string): Promise<CouplingRow[]> {
  let q = store.db
    .selectFrom('repositories as r')
    .innerJoin('coupling as c', 'c.snapshot_id', 'r.current_snapshot_id')
    .selectAll('c')
    .select('r.name as repository');
  if (repository !== undefined) q = q.where('r.name', '=', repository);
  const rows = await q.orderBy('c.degree', 'desc').orderBy('c.shared', 'desc').orderBy('c.path_a').execute();
  return rows.map(({ snapshot_id: _, ...r }) => r);
}
