// Code facts per file: what the languages analysis reads and writes, and what `cto code` shows.
import type { CodeFilesTable } from './schema.ts';
import type { Store } from './store.ts';

export interface TreeFile {
  path: string;
  blobId: string;
  size: number | null;
  /** 1 binary, 0 text, null not read by the tree stage (too large, unreadable). */
  isBinary: number | null;
}

/** Regular files (not symlinks or submodules) of a snapshot, as the tree stage recorded them. */
export async function regularFiles(store: Store, snapshotId: number): Promise<TreeFile[]> {
  const rows = await store.db
    .selectFrom('files')
    .select(['path', 'blob_id', 'size', 'is_binary'])
    .where('snapshot_id', '=', snapshotId)
    .where('kind', 'in', ['file', 'executable'])
    .execute();
  return rows.map((r) => ({ path: r.path, blobId: r.blob_id, size: r.size, isBinary: r.is_binary }));
}

export type CodeFileRow = Omit<CodeFilesTable, 'snapshot_id'>;

export async function codeFilesOf(store: Store, snapshotId: number): Promise<CodeFileRow[]> {
  return store.db
    .selectFrom('code_files')
    .select([
      'path',
      'blob_id',
      'language',
      'category',
      'detectable',
      'measured',
      'code',
      'comment',
      'blank',
      'complexity',
      'max_indent',
    ])
    .where('snapshot_id', '=', snapshotId)
    .execute();
}

interface RepositoryCodeFile extends CodeFileRow {
  repository: string;
}

/** Code facts of each repository's current snapshot, or of the named repository only. */
export async function currentCodeFiles(store: Store, repository?: string): Promise<RepositoryCodeFile[]> {
  let q = store.db
    .selectFrom('repositories as r')
    .innerJoin('code_files as f', 'f.snapshot_id', 'r.current_snapshot_id')
    .select([
      'r.name as repository',
      'f.path',
      'f.blob_id',
      'f.language',
      'f.category',
      'f.detectable',
      'f.measured',
      'f.code',
      'f.comment',
      'f.blank',
      'f.complexity',
      'f.max_indent',
    ]);
  if (repository !== undefined) q = q.where('r.name', '=', repository);
  return q.orderBy('r.name').orderBy('f.path').execute();
}
