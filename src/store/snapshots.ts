// Queries for the scan: repositories, snapshots and their history segments.
import { hostname } from 'node:os';
import { countAuthors } from '../people/identities/email.ts';
import { detachRiskEvents } from './risks.ts';
import { type HistoryMode, SNAPSHOT_TABLES, type SnapshotStatus } from './schema.ts';
import type { PluginRun } from './snapshot-plugins.ts';
import type { Store } from './store.ts';
import { nowIso } from './store.ts';

export interface RepositoryRow {
  id: number;
  key: string;
  name: string;
  path: string;
  current_snapshot_id: number | null;
}

export async function upsertRepository(
  store: Store,
  key: string,
  name: string,
  path: string,
): Promise<RepositoryRow> {
  const existing = await store.db
    .selectFrom('repositories')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();
  if (existing) return existing;
  const unique = await unusedName(store, name, path);
  await store.db
    .insertInto('repositories')
    .values({ key, name: unique, path, current_snapshot_id: null, created_at: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return store.db.selectFrom('repositories').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
}

/**
 * A name no other repository in the store has: `name`, else with parent folders of `path` put in
 * front (`team-b/api`), else with a number. Names stay stable once given.
 */
async function unusedName(store: Store, name: string, path: string): Promise<string> {
  const taken = async (n: string) =>
    (await store.db.selectFrom('repositories').select('id').where('name', '=', n).executeTakeFirst()) !==
    undefined;
  if (!(await taken(name))) return name;
  const parents = path.split('/').filter(Boolean).slice(0, -1);
  const last = name.split('/').at(-1) ?? name;
  for (let depth = 1; depth <= parents.length; depth++) {
    const candidate = [...parents.slice(-depth), last].join('/');
    if (candidate !== name && !(await taken(candidate))) return candidate;
  }
  for (let i = 2; ; i++) if (!(await taken(`${name}-${i}`))) return `${name}-${i}`;
}

export async function getSnapshot(store: Store, id: number) {
  return store.db.selectFrom('snapshots').selectAll().where('id', '=', id).executeTakeFirst();
}

interface NewSnapshot {
  repositoryId: number;
  commit: string;
  ref: string | null;
  historyMode: HistoryMode;
  baseSnapshotId: number | null;
  toolVersion: string;
  shallow: boolean;
  /** A historical snapshot's date (`scan --history`): it is never made current. */
  asOf?: string;
  /** Where the objects came from (see src/scan/identity.ts). */
  location?: {
    path: string;
    gitDir: string;
    commonDir: string;
    alternates: readonly string[];
  };
}

/** Insert a snapshot in state `running`; it becomes visible as current only when finished. */
export async function createSnapshot(store: Store, s: NewSnapshot): Promise<number> {
  const row = await store.db
    .insertInto('snapshots')
    .values({
      repository_id: s.repositoryId,
      commit_sha: s.commit,
      ref: s.ref,
      status: 'running',
      history_mode: s.historyMode,
      base_snapshot_id: s.baseSnapshotId,
      started_at: nowIso(),
      finished_at: null,
      tool_version: s.toolVersion,
      shallow: s.shallow ? 1 : 0,
      commits_count: 0,
      authors_count: 0,
      files_count: 0,
      diagnostics_count: 0,
      first_commit_at: null,
      last_commit_at: null,
      error: null,
      host: hostname(),
      pid: process.pid,
      scanned_path: s.location?.path ?? null,
      git_dir: s.location?.gitDir ?? null,
      common_dir: s.location?.commonDir ?? null,
      alternates: s.location?.alternates.length ? JSON.stringify(s.location.alternates) : null,
      historical: s.asOf === undefined ? 0 : 1,
      as_of: s.asOf ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Segments of a snapshot: the snapshots whose ingested commits make up its history. */
export async function segmentsOf(store: Store, snapshotId: number): Promise<number[]> {
  const rows = await store.db
    .selectFrom('snapshot_segments')
    .select('segment_id')
    .where('snapshot_id', '=', snapshotId)
    .execute();
  return rows.map((r) => r.segment_id);
}

export interface HistoryStats {
  commits: number;
  authors: number;
  firstCommitAt: string | null;
  lastCommitAt: string | null;
}

export async function historyStats(store: Store, segments: number[]): Promise<HistoryStats> {
  if (segments.length === 0) return { commits: 0, authors: 0, firstCommitAt: null, lastCommitAt: null };
  const base = store.db.selectFrom('commits').where('snapshot_id', 'in', segments);
  const agg = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('commits'),
      eb.fn.min('author_ts').as('first'),
      eb.fn.max('author_ts').as('last'),
    ])
    .executeTakeFirstOrThrow();
  // Authors are compared as docs/metrics/people.md defines, in code: the same on both engines.
  const emails = await base.select('author_email').distinct().execute();
  // The dates as git printed them (with their offsets), for the earliest and latest author times.
  const dateAt = async (ts: number | null) =>
    ts === null
      ? null
      : ((await base.select('author_date').where('author_ts', '=', ts).limit(1).executeTakeFirst())
          ?.author_date ?? null);
  return {
    commits: Number(agg.commits),
    authors: countAuthors(emails.map((e) => e.author_email)),
    firstCommitAt: await dateAt(agg.first === null ? null : Number(agg.first)),
    lastCommitAt: await dateAt(agg.last === null ? null : Number(agg.last)),
  };
}

interface FinishSnapshot {
  status: Extract<SnapshotStatus, 'ok' | 'partial'>;
  history: HistoryStats;
  files: number;
  diagnostics: number;
  /** false for a historical snapshot: finished, never current. */
  current?: boolean;
}

/** Finish a snapshot and make it the repository's current one (unless historical), in one transaction. */
export async function finishSnapshot(
  store: Store,
  repositoryId: number,
  snapshotId: number,
  f: FinishSnapshot,
): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('snapshots')
      .set({
        status: f.status,
        finished_at: nowIso(),
        commits_count: f.history.commits,
        authors_count: f.history.authors,
        files_count: f.files,
        diagnostics_count: f.diagnostics,
        first_commit_at: f.history.firstCommitAt,
        last_commit_at: f.history.lastCommitAt,
      })
      .where('id', '=', snapshotId)
      .execute();
    if (f.current === false) return;
    await trx
      .updateTable('repositories')
      .set({ current_snapshot_id: snapshotId })
      .where('id', '=', repositoryId)
      .execute();
  });
}

/** Mark a snapshot failed; the repository keeps its previous current snapshot. Its partial rows are removed. */
export async function failSnapshot(store: Store, snapshotId: number, error: string): Promise<void> {
  await deleteSnapshotRows(store, snapshotId);
  await store.db
    .updateTable('snapshots')
    .set({ status: 'failed', finished_at: nowIso(), error })
    .where('id', '=', snapshotId)
    .execute();
}

async function deleteSnapshotRows(store: Store, snapshotId: number): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (const t of SNAPSHOT_TABLES) await trx.deleteFrom(t).where('snapshot_id', '=', snapshotId).execute();
    await detachRiskEvents(trx, snapshotId);
  });
}

/** Remove the commits and file changes a snapshot ingested (to read them again). */
export async function deleteHistoryRows(store: Store, snapshotId: number): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('commits').where('snapshot_id', '=', snapshotId).execute();
    await trx.deleteFrom('file_changes').where('snapshot_id', '=', snapshotId).execute();
  });
}

/**
 * Snapshots of the repository left `running` by a scan that ended without finishing (killed
 * mid-scan): their rows are removed and they are marked `abandoned`. Call it only while holding the
 * repository's scan lock: then no other scan of it is running. Returns how many were cleaned.
 */
export async function cleanAbandoned(store: Store, repositoryId: number): Promise<number> {
  const running = await store.db
    .selectFrom('snapshots')
    .select(['id'])
    .where('repository_id', '=', repositoryId)
    .where('status', '=', 'running')
    .execute();
  for (const s of running) {
    await deleteSnapshotRows(store, s.id);
    await store.db
      .updateTable('snapshots')
      .set({ status: 'abandoned', finished_at: nowIso() })
      .where('id', '=', s.id)
      .execute();
  }
  return running.length;
}

/** Blob facts of a snapshot's files, to reuse when the same blob appears again. */
export async function fileFactsByBlob(
  store: Store,
  snapshotId: number,
): Promise<Map<string, { binary: number | null; lines: number | null }>> {
  const rows = await store.db
    .selectFrom('files')
    .select(['blob_id', 'is_binary', 'lines'])
    .where('snapshot_id', '=', snapshotId)
    .execute();
  const map = new Map<string, { binary: number | null; lines: number | null }>();
  for (const r of rows) if (r.is_binary !== null) map.set(r.blob_id, { binary: r.is_binary, lines: r.lines });
  return map;
}

interface HistoricalPoint {
  id: number;
  asOf: string;
  commit: string;
}

/** The finished historical snapshots of a repository, the latest per date, by date. */
export async function historicalPoints(
  store: Store,
  repositoryId: number,
): Promise<Map<string, HistoricalPoint>> {
  const rows = await store.db
    .selectFrom('snapshots')
    .select(['id', 'as_of', 'commit_sha'])
    .where('repository_id', '=', repositoryId)
    .where('historical', '=', 1)
    .where('status', 'in', ['ok', 'partial'])
    .orderBy('id')
    .execute();
  const out = new Map<string, HistoricalPoint>();
  for (const r of rows) if (r.as_of) out.set(r.as_of, { id: r.id, asOf: r.as_of, commit: r.commit_sha });
  return out;
}

/** A repository's current snapshot as a rescan compares with it (`currentByKey`). */
interface CurrentSnapshot {
  repository: { id: number; key: string; name: string };
  snapshot: {
    id: number;
    commit_sha: string;
    tool_version: string;
    history_mode: HistoryMode;
    commits_count: number;
    authors_count: number;
    files_count: number;
    first_commit_at: string | null;
    last_commit_at: string | null;
  };
  plugins: PluginRun[];
  /** A scan holds the repository's lock (its row in `scan_locks`). */
  locked: boolean;
}

/** Keys asked in one query: well under either engine's limit of bound parameters. */
const KEYS_PER_QUERY = 500;

/**
 * The current snapshot of every repository among `keys` that has one, with the plugins that made it
 * and whether a scan holds its lock: three queries for each 500 keys, however many repositories.
 */
export async function currentByKey(
  store: Store,
  keys: readonly string[],
): Promise<Map<string, CurrentSnapshot>> {
  const out = new Map<string, CurrentSnapshot>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const chunk = keys.slice(i, i + KEYS_PER_QUERY);
    const rows = await store.db
      .selectFrom('repositories as r')
      .innerJoin('snapshots as s', 's.id', 'r.current_snapshot_id')
      .select([
        'r.id as repository_id',
        'r.key',
        'r.name',
        's.id',
        's.commit_sha',
        's.tool_version',
        's.history_mode',
        's.commits_count',
        's.authors_count',
        's.files_count',
        's.first_commit_at',
        's.last_commit_at',
      ])
      .where('r.key', 'in', chunk)
      .execute();
    if (rows.length === 0) continue;
    const locked = await store.db.selectFrom('scan_locks').select('key').where('key', 'in', chunk).execute();
    const held = new Set(locked.map((l) => l.key));
    const plugins = await store.db
      .selectFrom('snapshot_plugins')
      .select(['snapshot_id', 'kind', 'plugin', 'version', 'area', 'inputs'])
      .where(
        'snapshot_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const bySnapshot = new Map<number, PluginRun[]>();
    for (const p of plugins) {
      const id = Number(p.snapshot_id);
      const list = bySnapshot.get(id) ?? [];
      list.push({ kind: p.kind, id: p.plugin, version: Number(p.version), area: p.area, inputs: p.inputs });
      bySnapshot.set(id, list);
    }
    for (const r of rows) {
      const { repository_id, key, name, ...snapshot } = r;
      out.set(key, {
        repository: { id: Number(repository_id), key, name },
        snapshot: { ...snapshot, id: Number(snapshot.id) },
        plugins: bySnapshot.get(Number(r.id)) ?? [],
        locked: held.has(key),
      });
    }
  }
  return out;
}
