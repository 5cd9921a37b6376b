// `cto status`'s document (schema cto.status/v1, also GET /api/v1/status): what the scan queue holds and
// who works on it (jobs by state, the dead letters with their reason, the workers registered with their
// last heartbeat), and per repository the last successful scan, its age and the last error.
import { basename } from 'node:path';
import { sql } from 'kysely';
import type { PgBoss } from 'pg-boss';
import { scannablePaths } from '../fleet/sync.ts';
import { snapshotAge, staleAfterDays } from '../reference-date.ts';
import type { RepoOutcome } from '../scan/scan.ts';
import { scanHealth } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { DEAD_QUEUE, openQueue, queueSchema, SCAN_QUEUE, type ScanJob } from './queue.ts';

interface QueueStatus {
  /** Queued, or waiting for a retry. */
  waiting: number;
  running: number;
  /** Jobs that failed for good (their retries spent, or a failure no retry mends). */
  failed: number;
  deadLetters: { path: string; rev: string | null; code: string | null; reason: string; at: string }[];
  workers: {
    host: string;
    pid: number;
    name: string | null;
    startedAt: string;
    heartbeatAt: string;
    jobs: number;
  }[];
}

/**
 * The queue next to the store, or null when no job was ever queued there (nothing is created). Read
 * through the store's own connections: the server needs no URL for it.
 */
export async function queueStatus(store: Store): Promise<QueueStatus | null> {
  if (store.engine !== 'postgres') return null;
  const schema = queueSchema(store.schema);
  const found = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(store.db);
  if (found.rows.length === 0) return null;
  const boss = await openQueue(store);
  try {
    return await read(boss, schema);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

async function read(boss: PgBoss, schema: string): Promise<QueueStatus> {
  const counts = await boss
    .getDb()
    .executeSql(`select state, count(*)::int as n from ${schema}.job where name = $1 group by state`, [
      SCAN_QUEUE,
    ]);
  const n = (...states: string[]) =>
    (counts.rows as { state: string; n: number }[])
      .filter((r) => states.includes(r.state))
      .reduce((a, r) => a + r.n, 0);
  const dead = await boss.findJobs<ScanJob>(DEAD_QUEUE, { limit: 1000 });
  const instances = await boss.getInstances();
  return {
    waiting: n('created', 'retry'),
    running: n('active'),
    failed: n('failed'),
    deadLetters: dead
      .map((j) => {
        const out = (j.sourceOutput ?? j.output) as Partial<RepoOutcome> & { message?: string };
        return {
          path: j.data.path,
          rev: j.data.rev,
          code: out?.error?.code ?? null,
          reason: out?.error?.message ?? out?.message ?? 'failed',
          at: new Date(j.createdOn).toISOString(),
        };
      })
      .sort((a, b) => b.at.localeCompare(a.at)),
    workers: instances
      .filter((i) => i.live)
      .map((i) => ({
        host: i.host,
        pid: i.pid,
        name: i.name,
        startedAt: new Date(i.startedOn).toISOString(),
        heartbeatAt: new Date(i.heartbeatOn).toISOString(),
        jobs: i.workers.reduce((a, w) => a + w.active, 0),
      })),
  };
}

/** A job's state and stored outcome; absent from the result when the queue no longer holds it. */
interface JobState {
  id: string;
  state: string;
  output: (Partial<RepoOutcome> & { message?: string }) | null;
}

/** The state of the given scan jobs, read from the queue's table in the store's database. */
export async function jobStates(store: Store, ids: readonly string[]): Promise<Map<string, JobState>> {
  if (store.engine !== 'postgres' || ids.length === 0) return new Map();
  const table = sql.table(`${queueSchema(store.schema)}.job`);
  const rows = await sql<JobState>`select id::text as id, state::text as state, output from ${table}
    where name = ${SCAN_QUEUE} and id in (${sql.join(ids)})`.execute(store.db);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

/** The document of `cto status --json` and GET /api/v1/status; stale repositories are findings. */
export async function statusDocument(store: Store, ws: Workspace, today: string) {
  const limit = staleAfterDays(ws.config);
  const queue = await queueStatus(store);
  const scanned = await scanHealth(store);
  const repositories = [...scanned, ...(await neverScanned(store, scanned))].map((r) => {
    const age = snapshotAge(r.lastSuccessAt, today, limit);
    return { ...r, ageDays: age?.days ?? null, stale: age === null || age.stale };
  });
  const findings = repositories
    .filter((r) => r.stale)
    .map((r) => ({
      rule: 'stale-repository',
      repository: r.name,
      path: r.path,
      message:
        r.ageDays === null
          ? `never scanned successfully${r.lastError ? `: ${r.lastError.message}` : ''}`
          : `last scanned successfully ${r.ageDays} days ago, more than ${limit}${r.lastError ? `; last error: ${r.lastError.message}` : ''}`,
    }));
  return { today, staleAfterDays: limit, queue, repositories, findings };
}

/** Repositories sources.yaml lists (docs/fleet.md) that no scan has reached yet: never scanned. */
async function neverScanned(store: Store, scanned: { path: string }[]) {
  const known = new Set(scanned.map((r) => r.path));
  const listed = await scannablePaths(store);
  return [
    ...listed.paths
      .filter((p) => !known.has(p))
      .map((p) => ({ name: basename(p), path: p, lastError: null })),
    ...listed.notFetched.map((url) => ({
      name: basename(url),
      path: url,
      lastError: { message: 'no mirror yet (cto sources sync)', at: null },
    })),
  ].map((r) => ({ ...r, lastSuccessAt: null }));
}
