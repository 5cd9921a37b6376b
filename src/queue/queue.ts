// The scan queue on PostgreSQL: one pg-boss job per repository and revision, in a schema of its own
// next to the store's. pg-boss gives the guarantees (docs/queue.md): a repository queued or running is
// not queued twice (policy `exclusive` with the repository as singleton key), a job whose worker stops
// sending heartbeats (its lease) is given to another worker, retries back off, and a job that failed
// for good lands in the dead-letter queue with its reason.
import { CompiledQuery, type Kysely } from 'kysely';
import { PgBoss } from 'pg-boss';
import { CtoError } from '../errors.ts';
import type { FoundRepository } from '../scan/discover.ts';
import { parsePostgresUrl } from '../store/engines/postgres/open.ts';
import type { Store } from '../store/store.ts';
import { isPostgresUrl } from '../store/target.ts';

export const SCAN_QUEUE = 'scan';
export const DEAD_QUEUE = 'scan-dead';

/** What a job carries: where the repository is and the revision to scan (null: HEAD). */
export interface ScanJob {
  path: string;
  rev: string | null;
  /** The repository's git directory, the key that makes a repository queued once. */
  key: string;
}

interface EnqueueOptions {
  /** Higher runs first: a rescan after a push before the weekly full rescan. */
  priority: number;
  /** Seconds a worker may go without a heartbeat before its job is given to another worker. */
  leaseSeconds: number;
}

export const DEFAULT_LEASE_SECONDS = 60;
/** Attempts after the first, with exponential backoff from RETRY_DELAY_SECONDS up to an hour. */
const RETRY_LIMIT = 3;
const RETRY_DELAY_SECONDS = 10;
/** A lease, not a time limit: a scan may take hours while its worker keeps sending heartbeats. */
const EXPIRE_SECONDS = 24 * 3600;

/** The schema pg-boss's tables live in: the store's schema plus `_queue`, or `cto_queue`. */
export function queueSchema(storeSchema: string | null): string {
  return storeSchema ? `${storeSchema}_queue` : 'cto_queue';
}

/** The queue needs PostgreSQL: a usage error naming what to do otherwise. */
export function requirePostgres(target: string, what: string): void {
  if (!isPostgresUrl(target))
    throw new CtoError(
      'USAGE',
      `${what} needs a PostgreSQL store (--db postgres://..., or CTO_DB); the store here is SQLite (${target}), which cto scan writes in its own process`,
    );
}

/**
 * pg-boss's statements on the store's connections. pg-boss sends some as one text with its own
 * `BEGIN ... COMMIT`: one that fails half-way would hand its connection back to the store's pool inside
 * an aborted transaction, and the store's next query on it would fail. Each text runs on one
 * connection held for it, rolled back when it fails.
 */
export function storeConnection<T>(db: Kysely<T>) {
  return {
    executeSql: (text: string, values?: unknown[]) =>
      db.connection().execute(async (conn) => {
        try {
          const result = await conn.executeQuery(CompiledQuery.raw(text, values ?? []));
          return { rows: [...result.rows] };
        } catch (e) {
          await conn.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => {});
          throw e;
        }
      }),
  };
}

/**
 * Start pg-boss on the store's database, creating its schema and the two queues when missing. `target`
 * is the store's URL (pg-boss opens connections of its own), or an open PostgreSQL store whose
 * connections pg-boss borrows (for reading the queue, as `cto status` and the server do).
 */
export async function openQueue(
  target: string | Store,
  options: { supervise: boolean; name?: string } = { supervise: false },
): Promise<PgBoss> {
  const url = typeof target === 'string' ? parsePostgresUrl(target) : null;
  const boss = new PgBoss({
    ...(url ? { connectionString: url.connectionString } : { db: storeConnection((target as Store).db) }),
    schema: queueSchema(url ? url.schema : (target as Store).schema),
    max: 4,
    supervise: options.supervise,
    schedule: false,
    monitorIntervalSeconds: 10,
    // How often a supervising worker fails the jobs whose lease ran out (pg-boss: every 60 s), so a
    // killed worker's job runs again within 10 s of its lease, not a minute later.
    superviseIntervalSeconds: 10,
    instanceName: options.name,
    registerInstance: options.supervise,
    instanceHeartbeatSeconds: 10,
  });
  boss.on('error', () => {
    // Connection blips are retried by pg-boss; a lasting failure surfaces in the next call.
  });
  try {
    await boss.start();
    await ensureQueues(boss);
  } catch (e) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw new CtoError('DB_OPEN', `cannot open the scan queue: ${(e as Error).message}`, { cause: e });
  }
  return boss;
}

async function ensureQueues(boss: PgBoss): Promise<void> {
  if (!(await boss.getQueue(DEAD_QUEUE)))
    await boss.createQueue(DEAD_QUEUE, { retentionSeconds: 365 * 24 * 3600 }).catch(ignoreExists);
  if (!(await boss.getQueue(SCAN_QUEUE)))
    await boss
      .createQueue(SCAN_QUEUE, {
        policy: 'exclusive',
        deadLetter: DEAD_QUEUE,
        retryLimit: RETRY_LIMIT,
        retryDelay: RETRY_DELAY_SECONDS,
        retryBackoff: true,
        retryDelayMax: 3600,
        expireInSeconds: EXPIRE_SECONDS,
        deleteAfterSeconds: 7 * 24 * 3600,
      })
      .catch(ignoreExists);
}

/** Two processes creating the queue at once: the loser finds it made. */
function ignoreExists(e: unknown): void {
  if (!/already exists|duplicate key/i.test((e as Error).message)) throw e;
}

/** What makes a job unique: the repository (its git directory) and the revision. */
export function singletonKey(gitDir: string, rev: string | null): string {
  return `${gitDir}@${rev ?? 'HEAD'}`;
}

/** The job of one repository; its id, or null when the repository is already queued or running. */
export async function enqueueScan(
  boss: PgBoss,
  found: FoundRepository,
  rev: string | null,
  options: EnqueueOptions,
): Promise<string | null> {
  const job: ScanJob = { path: found.path, rev, key: found.info.commonDir };
  return boss.send(SCAN_QUEUE, job, {
    singletonKey: singletonKey(job.key, rev),
    priority: options.priority,
    heartbeatSeconds: options.leaseSeconds,
  });
}

/** Job states after which a job does not run again. */
export const DONE_STATES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/** The job already queued or running for the repository (the reason a new one was not added). */
export async function openJob(boss: PgBoss, key: string): Promise<string | null> {
  const jobs = await boss.findJobs(SCAN_QUEUE, { key });
  return jobs.find((j) => !DONE_STATES.has(j.state))?.id ?? jobs.at(-1)?.id ?? null;
}
