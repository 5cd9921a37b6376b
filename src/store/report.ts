// Queries behind `cto report`: which snapshots a report reads (current, or current on a date),
// and what analyses stored for them. Facts-level queries are in report-facts.ts.
import { sql } from 'kysely';
import type { Store } from './store.ts';

export interface ReportSnapshot {
  repositoryId: number;
  repository: string;
  snapshotId: number;
  commit: string;
  ref: string | null;
  status: string;
  finishedAt: string | null;
  toolVersion: string;
  commitsCount: number;
  authorsCount: number;
  filesCount: number;
  diagnosticsCount: number;
  lastCommitAt: string | null;
}

const SNAPSHOT_COLUMNS = [
  'r.id as repositoryId',
  'r.name as repository',
  's.id as snapshotId',
  's.commit_sha as commit',
  's.ref as ref',
  's.status as status',
  's.finished_at as finishedAt',
  's.tool_version as toolVersion',
  's.commits_count as commitsCount',
  's.authors_count as authorsCount',
  's.files_count as filesCount',
  's.diagnostics_count as diagnosticsCount',
  's.last_commit_at as lastCommitAt',
] as const;

/** Every repository's current snapshot, by repository name. */
export async function currentSnapshots(store: Store): Promise<ReportSnapshot[]> {
  const rows = await store.db
    .selectFrom('repositories as r')
    .innerJoin('snapshots as s', 's.id', 'r.current_snapshot_id')
    .select(SNAPSHOT_COLUMNS)
    .orderBy('r.name')
    .execute();
  return rows.map(numeric);
}

/**
 * The snapshots showing each repository on a day: per repository, the latest `ok` or `partial`
 * snapshot that finished before the end of that day (UTC), or a historical snapshot (`scan --history`)
 * dated on or before that day, whichever shows the later state. `endOfDay` is the ISO instant just after the day.
 */
export async function snapshotsAsOf(store: Store, endOfDay: string): Promise<ReportSnapshot[]> {
  // A historical snapshot stands at the end of its date; any other at the time it finished.
  const at = sql<string>`case when s.historical = 1 then s.as_of || 'T23:59:59Z' else s.finished_at end`;
  const rows = await store.db
    .selectFrom('snapshots as s')
    .innerJoin('repositories as r', 'r.id', 's.repository_id')
    .select(SNAPSHOT_COLUMNS)
    .where('s.status', 'in', ['ok', 'partial'])
    .where((eb) =>
      eb.or([
        eb.and([eb('s.historical', '=', 0), eb('s.finished_at', '<', endOfDay)]),
        eb.and([eb('s.historical', '=', 1), eb('s.as_of', '<', endOfDay.slice(0, 10))]),
      ]),
    )
    .orderBy('r.name')
    .orderBy(at, 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  const seen = new Set<number>();
  return rows.map(numeric).filter((r) => !seen.has(r.repositoryId) && seen.add(r.repositoryId));
}

/** The earliest state any readable snapshot shows (a historical one's date, another's finish), or null. */
export async function firstSnapshotAt(store: Store): Promise<string | null> {
  const r = await store.db
    .selectFrom('snapshots')
    .where('status', 'in', ['ok', 'partial'])
    .select((eb) => [
      eb.fn.min(sql<string>`case when historical = 0 then finished_at end`).as('first'),
      eb.fn.min('as_of').as('firstAsOf'),
    ])
    .executeTakeFirst();
  const dates = [r?.first, r?.firstAsOf].filter((d): d is string => typeof d === 'string').sort();
  return dates[0] ?? null;
}

/** Repositories whose latest scan failed or was abandoned, with the reason. */
export async function failedScans(
  store: Store,
): Promise<Array<{ repository: string; error: string | null; finishedAt: string | null }>> {
  const rows = await store.db
    .selectFrom('snapshots as s')
    .innerJoin('repositories as r', 'r.id', 's.repository_id')
    .select(['r.name as repository', 's.error as error', 's.finished_at as finishedAt', 's.status as status'])
    .where('s.historical', '=', 0) // a historical snapshot is never the latest scan
    .orderBy('r.name')
    .orderBy('s.id', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.repository) && seen.add(r.repository))
    .filter((r) => r.status === 'failed' || r.status === 'abandoned')
    .map(({ repository, error, finishedAt }) => ({ repository, error, finishedAt }));
}

export interface StoredMetric {
  snapshotId: number;
  analysis: string;
  metric: string;
  scope: string;
  subject: string;
  value: number | null;
  unit: string | null;
  evidence: string | null;
}

export interface StoredFinding {
  snapshotId: number;
  analysis: string;
  rule: string;
  severity: string;
  subject: string;
  title: string;
  detail: string | null;
  owner: string | null;
  evidence: string | null;
}

export async function metricsOf(store: Store, snapshotIds: number[]): Promise<StoredMetric[]> {
  if (snapshotIds.length === 0) return [];
  const rows = await store.db
    .selectFrom('metrics')
    .select([
      'snapshot_id as snapshotId',
      'analysis',
      'metric',
      'scope',
      'subject',
      'value',
      'unit',
      'evidence',
    ])
    .where('snapshot_id', 'in', snapshotIds)
    .orderBy('snapshot_id')
    .orderBy('metric')
    .orderBy('subject')
    .execute();
  return rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) }));
}

export async function findingsOf(store: Store, snapshotIds: number[]): Promise<StoredFinding[]> {
  if (snapshotIds.length === 0) return [];
  return store.db
    .selectFrom('findings')
    .select([
      'snapshot_id as snapshotId',
      'analysis',
      'rule',
      'severity',
      'subject',
      'title',
      'detail',
      'owner',
      'evidence',
    ])
    .where('snapshot_id', 'in', snapshotIds)
    .orderBy('snapshot_id')
    .orderBy('rule')
    .orderBy('subject')
    .execute();
}

function numeric<T extends Record<string, unknown>>(r: T): ReportSnapshot {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    ...(r as unknown as ReportSnapshot),
    repositoryId: n('repositoryId'),
    snapshotId: n('snapshotId'),
    commitsCount: n('commitsCount'),
    authorsCount: n('authorsCount'),
    filesCount: n('filesCount'),
    diagnosticsCount: n('diagnosticsCount'),
  };
}
