// Queries for listing repositories and their current snapshots.
import { CtoError } from '../errors.ts';
import type { Store } from './store.ts';

/** A repository as `cto repos` lists it: what a repository argument resolves to, and its counts. */
interface RepositorySummary extends Omit<KnownRepository, 'id' | 'finishedAt'> {
  commits: number;
  authors: number;
  files: number;
  firstCommitAt: string | null;
  lastCommitAt: string | null;
  scannedAt: string | null;
}

/** Every repository with its current snapshot's columns (null when no scan of it has finished). */
function currentRepositories(store: Store) {
  return store.db
    .selectFrom('repositories as r')
    .leftJoin('snapshots as s', 's.id', 'r.current_snapshot_id')
    .select([
      'r.id',
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
    .orderBy('r.path')
    .execute();
}

export async function listRepositories(store: Store): Promise<RepositorySummary[]> {
  const rows = await currentRepositories(store);
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

/** A repository in the store, as a repository argument resolves to it. */
interface KnownRepository {
  id: number;
  name: string;
  path: string;
  /** Its current snapshot; null when no scan of it has finished. */
  snapshotId: number | null;
  commit: string | null;
  ref: string | null;
  status: string | null;
  finishedAt: string | null;
}

/**
 * The one way a command turns its repository argument into repositories: every repository when the
 * argument is left out, else those whose name or path is exactly the argument (names may repeat
 * across paths; a path picks one). None matching is `REPOSITORY_NOT_FOUND`, listing the known names.
 */
export async function resolveRepositories(store: Store, argument?: string): Promise<KnownRepository[]> {
  const rows = await currentRepositories(store);
  const all = rows.map((r) => ({
    id: r.id,
    name: r.name,
    path: r.path,
    snapshotId: r.snapshotId,
    commit: r.commit_sha,
    ref: r.ref,
    status: r.status,
    finishedAt: r.finished_at,
  }));
  if (argument === undefined) return all;
  const byName = all.filter((r) => r.name === argument);
  const picked = byName.length > 0 ? byName : all.filter((r) => r.path === argument);
  if (picked.length === 0) throw repositoryNotFound(argument, all);
  return picked;
}

/**
 * The name a repository argument stands for (its path gives its name), for queries that filter by
 * name; undefined when the argument is left out. Throws `REPOSITORY_NOT_FOUND` as `resolveRepositories`.
 */
export async function resolveRepositoryName(store: Store, argument?: string): Promise<string | undefined> {
  if (argument === undefined) return undefined;
  return (await resolveRepositories(store, argument))[0]?.name;
}

function repositoryNotFound(argument: string, known: readonly KnownRepository[]): CtoError {
  const names = [...new Set(known.map((r) => r.name))];
  const list = names.length > 0 ? names.join(', ') : 'none; run `cto scan <path>` first';
  return new CtoError(
    'REPOSITORY_NOT_FOUND',
    `no scanned repository is named "${argument}" (known: ${list})`,
  );
}

/** A repository's scan health, as `cto status` shows it. */
interface ScanHealth {
  name: string;
  path: string;
  /** When its current snapshot (the last successful scan) finished; null when none has. */
  lastSuccessAt: string | null;
  /** The last failed scan after it (error and when); null when the last scan succeeded. */
  lastError: { message: string; at: string | null } | null;
}

export async function scanHealth(store: Store): Promise<ScanHealth[]> {
  const rows = await currentRepositories(store);
  const failed = await store.db
    .selectFrom('snapshots')
    .select(['repository_id', 'id', 'error', 'finished_at', 'status'])
    .where('status', 'in', ['failed', 'abandoned'])
    .orderBy('id')
    .execute();
  const lastFailed = new Map<number, (typeof failed)[number]>();
  for (const f of failed) lastFailed.set(f.repository_id, f);
  return rows.map((r) => {
    const f = lastFailed.get(r.id);
    const after = f && (r.snapshotId === null || f.id > r.snapshotId);
    return {
      name: r.name,
      path: r.path,
      lastSuccessAt: r.finished_at,
      lastError: after
        ? {
            message:
              f.error ?? (f.status === 'abandoned' ? 'the scan was stopped before it ended' : 'failed'),
            at: f.finished_at,
          }
        : null,
    };
  });
}
