// Line ownership rows (see docs/metrics/ownership.md) and their roll-ups per folder and repository.
import { sql } from 'kysely';
import type { Store, TableRow } from './store.ts';

export interface OwnershipRow {
  path: string;
  author_name: string;
  author_email: string;
  lines: number;
}

/** The text files of a snapshot that ownership covers, with their blob ids. */
export async function textFiles(store: Store, snapshotId: number): Promise<Map<string, string>> {
  const rows = await store.db
    .selectFrom('files')
    .select(['path', 'blob_id'])
    .where('snapshot_id', '=', snapshotId)
    .where('is_binary', '=', 0)
    .where('kind', 'in', ['file', 'executable'])
    .execute();
  return new Map(rows.map((r) => [r.path, r.blob_id]));
}

/** The ownership rows of a snapshot, grouped by path. */
export async function ownershipByPath(
  store: Store,
  snapshotId: number,
): Promise<Map<string, OwnershipRow[]>> {
  const rows = await store.db
    .selectFrom('ownership')
    .select(['path', 'author_name', 'author_email', 'lines'])
    .where('snapshot_id', '=', snapshotId)
    .execute();
  const out = new Map<string, OwnershipRow[]>();
  for (const r of rows) {
    const list = out.get(r.path) ?? [];
    list.push(r);
    out.set(r.path, list);
  }
  return out;
}

export function ownershipRows(snapshotId: number, rows: OwnershipRow[]): TableRow<'ownership'>[] {
  // Set in place: a million rows are not copied to add one column.
  const out = rows as Array<OwnershipRow & { snapshot_id?: number }>;
  for (const r of out) r.snapshot_id = snapshotId;
  return out as TableRow<'ownership'>[];
}

interface OwnerTotal {
  author_name: string;
  author_email: string;
  lines: number;
}

/** Lines per author under a folder ('' for the whole repository), most lines first. */
export async function ownershipRollup(store: Store, snapshotId: number, folder = ''): Promise<OwnerTotal[]> {
  let q = store.db
    .selectFrom('ownership')
    .select(['author_name', 'author_email', sql<number>`sum(lines)`.as('lines')])
    .where('snapshot_id', '=', snapshotId);
  if (folder !== '') q = q.where(sql<boolean>`substr(path, 1, ${folder.length + 1}) = ${`${folder}/`}`);
  const rows = await q
    .groupBy(['author_name', 'author_email'])
    .orderBy('lines', 'desc')
    .orderBy('author_email')
    .execute();
  return rows.map((r) => ({ ...r, lines: Number(r.lines) }));
}
