// Scans started from `cto serve` (docs/server.md#scans): by an admin through the API or by a schedule.
// On PostgreSQL a scan is one job per repository on the shared queue, run by `cto worker`; on SQLite it
// runs in the server's process, one at a time (a second request is refused: SCAN_IN_PROGRESS, 409).
import type { FastifyInstance } from 'fastify';
import type { PgBoss } from 'pg-boss';
import { scanSettings } from '../cli/scan.ts';
import { CtoError } from '../errors.ts';
import { resolveTargets, type Unavailable } from '../fleet/sync.ts';
import { DEFAULT_LEASE_SECONDS, enqueueScan, openJob, openQueue, singletonKey } from '../queue/queue.ts';
import { jobStates } from '../queue/status.ts';
import { discoverRepositories } from '../scan/discover.ts';
import { runScan } from '../scan/run.ts';
import type { RepoOutcome } from '../scan/scan.ts';
import { appendAudit } from '../store/accounts.ts';
import {
  abandonProcessScans,
  finishServerScan,
  insertServerScan,
  insertServerScanItems,
  listServerScans,
  type ServerScanItemRow,
  type ServerScanRow,
  serverScan,
  serverScanItems,
  setServerScanTotal,
  settleServerScanItem,
} from '../store/server-scans.ts';
import { nowIso, type Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { checkSchedules, type Schedules, startSchedules } from './schedules.ts';

export interface ScanRequest {
  /** A user's email, or `schedule:<cron>`. */
  actor: string;
  /** The client's address, or `schedule`. */
  source: string;
  trigger: 'api' | 'schedule';
  /** Repository names (of sources.yaml's repositories or of the store's), or null for every listed one. */
  repositories: readonly string[] | null;
}

type ItemStatus = 'waiting' | 'running' | RepoOutcome['status'];
const PENDING: readonly string[] = ['waiting', 'running'];

export interface ScanService {
  start(request: ScanRequest): Promise<ScanDocument>;
  list(): Promise<ScanDocument[]>;
  get(id: number): Promise<ScanDocument & { items: ItemDocument[] }>;
  /** Resolves when the scan running in this process (if any) has ended. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface ServiceOptions {
  store: Store;
  ws: Workspace;
  /** The store's URL, for the queue (PostgreSQL); its location is kept without the password. */
  target?: string;
}

export async function createScanService(options: ServiceOptions): Promise<ScanService> {
  const { store, ws } = options;
  // A server stopped mid-scan (killed, crashed) left its in-process scan running: it is over.
  await abandonProcessScans(store, nowIso(), 'the server stopped before the scan ended');
  let running: Promise<void> | null = null;
  let runningId: number | null = null;
  let starting = false;
  let boss: Promise<PgBoss> | null = null;
  const queue = () => {
    if (!options.target)
      throw new CtoError(
        'SERVER_CONFIG',
        'the store URL is not known to the server: cannot open the scan queue',
      );
    boss ??= openQueue(options.target);
    return boss;
  };

  const startInProcess = async (request: ScanRequest): Promise<number> => {
    if (starting || runningId !== null)
      throw new CtoError(
        'SCAN_IN_PROGRESS',
        `a scan started from the server${runningId !== null ? ` (id ${runningId})` : ''} is running; on an SQLite store one runs at a time: wait for it to end (GET /api/v1/scans)`,
      );
    starting = true;
    try {
      const { paths, unavailable } = await resolveTargets(store, request.repositories);
      const id = await begin(store, request, 'process', unavailable);
      runningId = id;
      running = runInProcess(store, ws, id, paths, unavailable.length).finally(() => {
        runningId = null;
        running = null;
      });
      return id;
    } finally {
      starting = false;
    }
  };

  const startOnQueue = async (request: ScanRequest): Promise<number> => {
    const { paths, unavailable } = await resolveTargets(store, request.repositories);
    const { repositories, problems } = await discoverRepositories(paths, {
      maxDepth: ws.config.scan?.depth ?? 4,
    });
    const b = await queue();
    const id = await begin(store, request, 'queue', [
      ...unavailable,
      ...problems.map((p) => ({ name: p.path, path: p.path, code: p.error.code, message: p.error.message })),
    ]);
    const items = [];
    for (const found of repositories) {
      const job =
        (await enqueueScan(b, found, null, { priority: 0, leaseSeconds: DEFAULT_LEASE_SECONDS })) ??
        (await openJob(b, singletonKey(found.info.commonDir, null)));
      items.push({ name: found.name, path: found.path, job_id: job, ...pending('waiting') });
    }
    await insertServerScanItems(store, id, items);
    await setServerScanTotal(store, id, items.length + unavailable.length + problems.length);
    return id;
  };

  const document = async (row: ServerScanRow) => {
    const refreshed =
      row.mode === 'queue' && row.status === 'running' ? await refreshQueued(store, row) : row;
    const items = await serverScanItems(store, [refreshed.id]);
    return { ...scanDocument(refreshed, items), items: items.map(itemDocument) };
  };

  return {
    async start(request) {
      const id = store.engine === 'postgres' ? await startOnQueue(request) : await startInProcess(request);
      return document((await serverScan(store, id)) as ServerScanRow);
    },
    async list() {
      const docs = [];
      for (const row of await listServerScans(store)) {
        const { items: _items, ...doc } = await document(row);
        docs.push(doc);
      }
      return docs;
    },
    async get(id) {
      const row = await serverScan(store, id);
      if (!row) throw new CtoError('NOT_FOUND', `no scan has the id ${id} (GET /api/v1/scans lists them)`);
      return document(row);
    },
    async idle() {
      await running;
    },
    async close() {
      await running;
      if (boss) await (await boss.catch(() => null))?.stop({ graceful: false, close: true });
    },
  };
}

/** The scan's row and its audit entry; the repositories that cannot be scanned as failed items. */
async function begin(
  store: Store,
  request: ScanRequest,
  mode: 'process' | 'queue',
  unavailable: Unavailable[],
): Promise<number> {
  const at = nowIso();
  const scope = request.repositories ?? 'all';
  const id = await insertServerScan(store, {
    trigger: request.trigger,
    actor: request.actor,
    scope: JSON.stringify(scope),
    mode,
    created_at: at,
  });
  await appendAudit(store, {
    at,
    actor: request.actor,
    source: request.source,
    action: 'scan.started',
    detail: { scan: id, trigger: request.trigger, scope, mode },
  });
  await insertServerScanItems(
    store,
    id,
    unavailable.map((u) => ({
      name: u.name,
      path: u.path,
      job_id: null,
      status: 'failed',
      error_code: u.code,
      error_message: u.message,
    })),
  );
  return id;
}

function pending(status: 'waiting' | 'running') {
  return { status, error_code: null, error_message: null };
}

async function runInProcess(
  store: Store,
  ws: Workspace,
  id: number,
  paths: string[],
  unavailable: number,
): Promise<void> {
  // Progress is written as the scan goes; each write is awaited before the scan is called done.
  const writes: Promise<void>[] = [];
  try {
    const result = await runScan(store, {
      paths,
      depth: ws.config.scan?.depth ?? 4,
      jobs: ws.config.scan?.jobs ?? 2,
      ...(await scanSettings({}, ws)),
      onDiscovered: (n) => writes.push(setServerScanTotal(store, id, n + unavailable)),
      onDone: (o) => writes.push(recordOutcome(store, id, o)),
    });
    await Promise.all(writes);
    await insertServerScanItems(
      store,
      id,
      result.problems.map((p) => ({
        name: p.path,
        path: p.path,
        job_id: null,
        status: 'failed',
        error_code: p.error.code,
        error_message: p.error.message,
      })),
    );
    await setServerScanTotal(store, id, result.repositories.length + result.problems.length + unavailable);
    await finishServerScan(store, id, { status: 'done', at: nowIso(), error: null });
  } catch (e) {
    await finishServerScan(store, id, { status: 'failed', at: nowIso(), error: (e as Error).message }).catch(
      () => {},
    );
  }
}

function recordOutcome(store: Store, id: number, o: RepoOutcome): Promise<void> {
  return insertServerScanItems(store, id, [
    {
      name: o.name,
      path: o.path,
      job_id: null,
      status: o.status,
      error_code: o.error?.code ?? null,
      error_message: o.error?.message ?? null,
    },
  ]);
}

/** Bring a queued scan's repositories up to date with their jobs; the scan is done when all are. */
async function refreshQueued(store: Store, row: ServerScanRow): Promise<ServerScanRow> {
  const items = (await serverScanItems(store, [row.id])).filter((i) => PENDING.includes(i.status));
  const states = await jobStates(
    store,
    items.flatMap((i) => (i.job_id ? [i.job_id] : [])),
  );
  const at = nowIso();
  let open = 0;
  for (const item of items) {
    const job = item.job_id ? states.get(item.job_id) : undefined;
    const next = job
      ? fromJob(job.state, job.output)
      : {
          status: 'failed' as const,
          code: 'DB_QUERY',
          message: 'the job is no longer in the queue (deleted by its retention)',
        };
    if (PENDING.includes(next.status)) open++;
    if (next.status === item.status) continue;
    await settleServerScanItem(store, item.id, {
      status: next.status,
      errorCode: next.code,
      errorMessage: next.message,
      at: PENDING.includes(next.status) ? null : at,
    });
  }
  if (open > 0) return row;
  await finishServerScan(store, row.id, { status: 'done', at, error: null });
  return (await serverScan(store, row.id)) as ServerScanRow;
}

/** A repository's status from its job: waiting, running, or the outcome the worker stored. */
function fromJob(
  state: string,
  output: (Partial<RepoOutcome> & { message?: string }) | null,
): { status: ItemStatus; code: string | null; message: string | null } {
  if (state === 'created' || state === 'retry') return { status: 'waiting', code: null, message: null };
  if (state === 'active') return { status: 'running', code: null, message: null };
  if (state === 'completed' && output?.status)
    return {
      status: output.status,
      code: output.error?.code ?? null,
      message: output.error?.message ?? null,
    };
  if (state === 'cancelled') return { status: 'failed', code: null, message: 'the job was cancelled' };
  return {
    status: 'failed',
    code: output?.error?.code ?? null,
    message: output?.error?.message ?? output?.message ?? 'failed',
  };
}

interface ItemDocument {
  name: string;
  path: string;
  status: string;
  job: string | null;
  error: { code: string | null; message: string } | null;
  finishedAt: string | null;
}

function itemDocument(i: ServerScanItemRow): ItemDocument {
  return {
    name: i.name,
    path: i.path,
    status: i.status,
    job: i.job_id,
    error: i.error_message === null ? null : { code: i.error_code, message: i.error_message },
    finishedAt: i.finished_at,
  };
}

export type ScanDocument = ReturnType<typeof scanDocument>;

/** A scan as the API shows it: who started it, what it covers, how far it got and what failed why. */
function scanDocument(row: ServerScanRow, items: ServerScanItemRow[]) {
  const count = (s: string) => items.filter((i) => i.status === s).length;
  const done = items.filter((i) => !PENDING.includes(i.status)).length;
  return {
    id: row.id,
    trigger: row.trigger,
    startedBy: row.actor,
    scope: JSON.parse(row.scope) as 'all' | string[],
    mode: row.mode,
    status: row.status,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    progress: {
      total: row.total,
      done,
      pending: row.total === null ? null : Math.max(0, row.total - done),
      running: row.mode === 'queue' ? count('running') : null,
    },
    outcomes: {
      ok: count('ok'),
      partial: count('partial'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      failed: count('failed'),
    },
    failures: items
      .filter((i) => i.status === 'failed' || i.status === 'skipped')
      .map((i) => ({
        name: i.name,
        path: i.path,
        status: i.status,
        code: i.error_code,
        reason: i.error_message,
      })),
  };
}

/** What the scan and status routes reach through `request.server.scans`. */
export interface ServerScans {
  service: ScanService;
  schedules: Schedules;
  /** The store's URL or path (for the queue's status). */
  target: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    scans: ServerScans;
  }
}

/**
 * Give the server its scan service and start the schedules of cto.yaml (a bad cron expression refuses
 * to start: CONFIG_INVALID); both stop when the server closes, after the scan running in it ends.
 */
export async function attachScans(
  app: FastifyInstance,
  options: ServiceOptions & { onScheduleError?: (message: string) => void },
): Promise<void> {
  const checked = checkSchedules(options.ws.config);
  const service = await createScanService(options);
  const schedules = startSchedules(
    checked,
    service,
    options.onScheduleError ?? ((m) => process.stderr.write(`${m}\n`)),
  );
  app.decorate('scans', { service, schedules, target: options.target ?? options.store.location });
  app.addHook('onClose', async () => {
    schedules.stop();
    await service.close();
  });
}
