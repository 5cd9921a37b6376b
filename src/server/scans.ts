// Scans started from `cto serve` (docs/server.md#scans): by an admin through the API or by a schedule.
// On PostgreSQL a scan is one job per repository on the shared queue, run by `cto worker`; on SQLite it
// runs in the server's process, one at a time (a second request is refused: SCAN_IN_PROGRESS, 409).
import type { FastifyInstance } from 'fastify';
import type { PgBoss } from 'pg-boss';
import { scanSettings } from '../cli/scan.ts';
import { CtoError } from '../errors.ts';
import { resolveTargets, type Unavailable } from '../fleet/sync.ts';
import { DEFAULT_LEASE_SECONDS, enqueueScan, openJob, openQueue, singletonKey } from '../queue/queue.ts';
import { discoverRepositories, type FoundRepository } from '../scan/discover.ts';
import { runScan } from '../scan/run.ts';
import type { RepoOutcome } from '../scan/scan.ts';
import { unchangedOutcomes } from '../scan/unchanged.ts';
import { appendAudit } from '../store/accounts.ts';
import {
  abandonProcessScans,
  finishServerScan,
  insertServerScan,
  insertServerScanItems,
  listServerScans,
  type ServerScanRow,
  serverScan,
  serverScanItems,
  setServerScanTotal,
} from '../store/server-scans.ts';
import { nowIso, type Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { modelCache } from './model-cache.ts';
import {
  type ItemDocument,
  itemDocument,
  refreshQueued,
  type ScanDocument,
  scanDocument,
} from './scan-progress.ts';
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

export interface ScanService {
  start(request: ScanRequest): Promise<ScanDocument>;
  /** Scans newest first, a page of them, and how many there are. */
  list(page: { limit: number; offset: number }): Promise<{ total: number; items: ScanDocument[] }>;
  get(id: number): Promise<ScanDocument & { items: ItemDocument[] }>;
  close(): Promise<void>;
}

interface ServiceOptions {
  store: Store;
  ws: Workspace;
}

async function createScanService(options: ServiceOptions): Promise<ScanService> {
  const { store, ws } = options;
  // A server stopped mid-scan (killed, crashed) left its in-process scan running: it is over.
  await abandonProcessScans(store, nowIso(), 'the server stopped before the scan ended');
  let running: Promise<void> | null = null;
  let runningId: number | null = null;
  let starting = false;
  let boss: Promise<PgBoss> | null = null;
  // The queue borrows the store's connections (as `cto status` reads it): no URL needed.
  const queue = () => {
    // A queue that could not open is opened again on the next scan, not given up for good.
    boss ??= openQueue(store).catch((e: unknown) => {
      boss = null;
      throw e;
    });
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
    try {
      await enqueueAll(b, id, repositories);
    } catch (e) {
      await finishServerScan(store, id, { status: 'failed', at: nowIso(), error: (e as Error).message });
      throw e;
    }
    await setServerScanTotal(store, id, repositories.length + unavailable.length + problems.length);
    return id;
  };

  /** One job per repository, but for the unchanged ones (as `cto scan --queue`): their outcome is known now. */
  const enqueueAll = async (b: PgBoss, id: number, repositories: FoundRepository[]) => {
    const unchanged = await unchangedOutcomes(store, repositories, await scanSettings({}, ws));
    const items: Parameters<typeof insertServerScanItems>[2] = [...unchanged.values()].map((o) => ({
      name: o.name,
      path: o.path,
      job_id: null,
      status: o.status,
      error_code: null,
      error_message: null,
    }));
    for (const found of repositories) {
      if (unchanged.has(found)) continue;
      const job =
        (await enqueueScan(b, found, null, { priority: 0, leaseSeconds: DEFAULT_LEASE_SECONDS })) ??
        (await openJob(b, singletonKey(found.info.commonDir, null)));
      items.push({ name: found.name, path: found.path, job_id: job, ...pending('waiting') });
    }
    await insertServerScanItems(store, id, items);
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
    async list(page) {
      const rows = await listServerScans(store);
      const items = [];
      for (const row of rows.slice(page.offset, page.offset + page.limit)) {
        const { items: _items, ...doc } = await document(row);
        items.push(doc);
      }
      return { total: rows.length, items };
    },
    async get(id) {
      const row = await serverScan(store, id);
      if (!row) throw new CtoError('NOT_FOUND', `no scan has the id ${id} (GET /api/v1/scans lists them)`);
      return document(row);
    },
    async close() {
      await running;
      if (boss) await (await boss.catch(() => null))?.stop({ graceful: false, close: false });
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
      onDone: (o) => {
        // A snapshot landed: the documents built from the store before it are stale.
        modelCache(store, ws).clear();
        writes.push(recordOutcome(store, id, o));
      },
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

/** What the scan routes reach through `request.server.scans`. */
interface ServerScans {
  service: ScanService;
  schedules: Schedules;
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
  app.decorate('scans', { service, schedules });
  app.addHook('onClose', async () => {
    schedules.stop();
    await service.close();
  });
}
