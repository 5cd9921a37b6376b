// Scans started from the server (docs/server.md#scans): through the API by an admin, on SQLite in the
// server's process and on PostgreSQL through the queue and a worker; on a schedule from cto.yaml.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../test/helpers/processes.ts';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { scanSettings } from '../cli/scan.ts';
import { syncSources } from '../fleet/sync.ts';
import { openQueue } from '../queue/queue.ts';
import { startWorker } from '../queue/worker.ts';
import { auditRows } from '../store/accounts.ts';
import { listRepositories } from '../store/repositories.ts';
import {
  insertServerScan,
  insertServerScanItems,
  listServerScans,
  type ServerScanRow,
  serverScan,
  setServerScanTotal,
} from '../store/server-scans.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace, type Workspace } from '../workspace.ts';
import { addUser, createToken } from './accounts.ts';
import { refreshQueued } from './scan-progress.ts';
import { buildServer } from './server.ts';

let repos = '';

beforeAll(() => {
  repos = tempDir('cto-repos-');
  for (const name of ['alpha', 'beta'])
    buildRepo(join(repos, name), [
      {
        author: ADA,
        date: '2026-01-05T10:00:00Z',
        files: { 'README.md': `${name}\n`, 'a.ts': 'export {};\n' },
      },
    ]);
});

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** A workspace whose sources.yaml lists the two repositories' folder, synced into a fresh store. */
async function workspaceWithSources(
  engine: (typeof ENGINES)[number],
  yaml = '',
): Promise<{ ws: Workspace; store: Store; target: string }> {
  const dir = tempDir('cto-ws-');
  if (yaml) writeFileSync(join(dir, 'cto.yaml'), yaml);
  const target = freshStoreTarget(engine);
  const store = await openStore(target);
  await syncSources(store, { sources: [{ folder: repos }] }, { workspaceDir: dir, fetch: false });
  return { ws: loadWorkspace(dir), store, target };
}

describe('scheduled scans (SQLite, in the server process)', () => {
  test('a schedule of cto.yaml fires, its scan reaches done, is audited as the schedule and shows its next run', async () => {
    const { ws, store } = await workspaceWithSources(
      'sqlite',
      'server:\n  schedules:\n    - cron: "* * * * * *"\n      scan: all\n',
    );
    const errors: string[] = [];
    const app = await buildServer({ store, ws, onScheduleError: (m) => errors.push(m) });
    try {
      const [schedule] = app.scans.schedules.list();
      expect(schedule?.cron).toBe('* * * * * *');
      expect(schedule?.nextRunAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      await eventually(
        'a scheduled scan done',
        async () => (await listServerScans(store)).some((s) => s.status === 'done'),
        90_000,
      );
      const done = (await app.scans.service.list({ limit: 100, offset: 0 })).items.find(
        (s) => s.status === 'done',
      );
      expect(done).toMatchObject({ trigger: 'schedule', startedBy: 'schedule:* * * * * *', scope: 'all' });
      expect(done?.progress).toMatchObject({ total: 2, done: 2, pending: 0 });
      expect(done?.outcomes.failed).toBe(0);
      const audit = (await auditRows(store)).filter((r) => r.action === 'scan.started');
      expect(audit[0]?.actor).toBe('schedule:* * * * * *');
      expect(JSON.parse(audit.at(-1)?.detail ?? '{}')).toMatchObject({ trigger: 'schedule', scope: 'all' });
      // The schedule remembers its last run.
      expect(app.scans.schedules.list()[0]?.lastRun).not.toBeNull();
    } finally {
      await app.close();
      await store.close();
    }
  }, 120_000);

  test('a bad cron expression or time zone refuses to start, naming the schedule', async () => {
    for (const [yaml, message] of [
      [
        '    - cron: "61 * * * *"\n      scan: all\n',
        /server\.schedules\[0\]: "61 \* \* \* \*" is not a valid schedule/,
      ],
      [
        '    - cron: "0 2 * * *"\n      scan: all\n    - cron: "0 3 * * *"\n      scan: all\n      timezone: Mars/Olympus\n',
        /server\.schedules\[1\]: "0 3 \* \* \*" in Mars\/Olympus is not a valid schedule/,
      ],
    ] as const) {
      const { ws, store } = await workspaceWithSources('sqlite', `server:\n  schedules:\n${yaml}`);
      try {
        await expect(buildServer({ store, ws })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message });
      } finally {
        await store.close();
      }
    }
  });
});

describe('scheduled scans (PostgreSQL, through the queue and a worker)', () => {
  test('a schedule of cto.yaml queues its scan on the shared queue, a worker runs it, the snapshots land and GET /api/v1/scans shows the run and the next one', async () => {
    const { ws, store, target } = await workspaceWithSources(
      'postgres',
      'server:\n  schedules:\n    - cron: "* * * * * *"\n      scan: all\n',
    );
    // A worker as `cto worker` runs it (started first, as it would be), with a store of its own,
    // taking the jobs the schedule queues; and an account, before the schedule starts firing.
    const workerStore = await openStore(target);
    const boss = await openQueue(target, { supervise: true, name: 'schedule worker' });
    const stopWorker = await startWorker(boss, workerStore, {
      jobs: 1,
      settings: await scanSettings({}, ws),
    });
    await addUser(store, {
      email: 'member@example.com',
      role: 'member',
      password: 'a long password for member',
    });
    const { token } = await createToken(store, {
      email: 'member@example.com',
      name: 'test',
      expiresAt: null,
      scopes: ['read'],
    });
    const errors: string[] = [];
    const app = await buildServer({ store, ws, onScheduleError: (m) => errors.push(m) });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const scans = async () =>
        (await (
          await fetch(`${base}/api/v1/scans`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as {
          items: ScanDoc[];
          schedules: { cron: string; nextRunAt: string | null; lastRun: { scan: number | null } | null }[];
        };
      // Through the queue: the run reads its progress from the jobs, so it is done once the worker is.
      await eventually(
        'a scheduled scan done through the queue',
        async () =>
          (await scans()).items
            .filter((s) => s.status === 'done')
            .reduce((n, s) => n + (s.outcomes.ok ?? 0), 0) >= 2,
        90_000,
      );
      const list = await scans();
      // The schedule fires every second: the runs queue the repositories, follow the jobs already
      // queued (a repository is never queued twice) or find them unchanged; together they scan both.
      const ended = list.items.filter((s) => s.status !== 'running');
      expect(ended.length).toBeGreaterThan(0);
      for (const run of ended)
        expect(run, JSON.stringify(run)).toMatchObject({
          trigger: 'schedule',
          startedBy: 'schedule:* * * * * *',
          scope: 'all',
          mode: 'queue',
          status: 'done',
          progress: { total: 2, done: 2, pending: 0 },
          outcomes: { failed: 0 },
        });
      const done = ended.find((s) => (s.outcomes.ok ?? 0) > 0);
      expect(ended.reduce((n, s) => n + (s.outcomes.ok ?? 0), 0)).toBeGreaterThanOrEqual(2);
      const one = (await (
        await fetch(`${base}/api/v1/scans/${done?.id}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as ScanDoc;
      // A repository it scanned went through a job of the queue, which a worker ran.
      const scanned = one.items?.filter((i) => i.status === 'ok') ?? [];
      expect(scanned.length).toBeGreaterThan(0);
      expect(scanned.every((i) => i.job !== null)).toBe(true);
      const [schedule] = list.schedules;
      expect(schedule?.cron).toBe('* * * * * *');
      expect(Date.parse(schedule?.nextRunAt ?? '')).toBeGreaterThan(Date.parse(done?.createdAt ?? ''));
      expect(schedule?.lastRun?.scan).toEqual(expect.any(Number));
      // The worker wrote each repository's snapshot into the shared store.
      const repositories = await listRepositories(store);
      expect(repositories.map((r) => r.name).sort()).toEqual(['alpha', 'beta']);
      expect(repositories.every((r) => r.snapshotId !== null && r.status === 'ok')).toBe(true);
      expect(errors.filter((e) => !e.includes('SCAN_IN_PROGRESS'))).toEqual([]);
    } finally {
      app.scans.schedules.stop();
      await stopWorker();
      await boss.stop({ graceful: false, close: true });
      await workerStore.close();
      await app.close();
      await store.close();
    }
  }, 150_000);
});

interface ScanDoc {
  schema: string;
  id: number;
  trigger: string;
  startedBy: string;
  scope: 'all' | string[];
  mode: string;
  status: string;
  createdAt: string;
  progress: { total: number | null; done: number; pending: number | null };
  outcomes: Record<string, number>;
  failures: { name: string; code: string | null; reason: string | null }[];
  items?: { name: string; status: string; job: string | null }[];
}

describe.each(ENGINES)('scans through the API on %s', (engine) => {
  let store: Store;
  let ws: Workspace;
  let target: string;
  let app: FastifyInstance;
  let base = '';
  const tokens: Record<string, string> = {};
  let boss: PgBoss | undefined;
  let workerStore: Store | undefined;
  let stopWorker: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ ws, store, target } = await workspaceWithSources(engine));
    for (const role of ['admin', 'member', 'board']) {
      await addUser(store, { email: `${role}@example.com`, role, password: `a long password for ${role}` });
      tokens[role] = (
        await createToken(store, {
          email: `${role}@example.com`,
          name: 'test',
          expiresAt: null,
          scopes: ['read', 'write', 'admin'],
        })
      ).token;
    }
    app = await buildServer({ store, ws });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    if (engine === 'postgres') {
      // A worker as `cto worker` runs it, with a store of its own, taking the jobs the server queues.
      workerStore = await openStore(target);
      boss = await openQueue(target, { supervise: true, name: 'test worker' });
      stopWorker = await startWorker(boss, workerStore, { jobs: 1, settings: await scanSettings({}, ws) });
    }
  }, 60_000);

  afterAll(async () => {
    await stopWorker?.();
    await boss?.stop({ graceful: false, close: true });
    await workerStore?.close();
    await app?.close();
    await store?.close();
  });

  const call = (method: string, url: string, token?: string, body?: unknown) =>
    fetch(`${base}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
  const scanDone = async (id: number): Promise<ScanDoc> => {
    let doc: ScanDoc | undefined;
    await eventually(
      `scan ${id} done`,
      async () => {
        doc = (await (await call('GET', `/api/v1/scans/${id}`, tokens.member)).json()) as ScanDoc;
        return doc.status !== 'running';
      },
      90_000,
    );
    return doc as ScanDoc;
  };

  test('without credentials every scan route is 401; a member or the board cannot start a scan (403), nothing is started', async () => {
    for (const [method, url] of [
      ['POST', '/api/v1/scans'],
      ['GET', '/api/v1/scans'],
      ['GET', '/api/v1/scans/1'],
    ] as const) {
      const res = await call(method, url, undefined, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${url}`).toBe(401);
      expect(await errorCode(res)).toBe('UNAUTHENTICATED');
    }
    for (const role of ['member', 'board']) {
      const res = await call('POST', '/api/v1/scans', tokens[role], {});
      expect(res.status, role).toBe(403);
      expect(await errorCode(res)).toBe('FORBIDDEN');
    }
    const board = await call('GET', '/api/v1/scans', tokens.board);
    expect(board.status).toBe(403);
    await board.arrayBuffer();
    expect(await listServerScans(store)).toEqual([]);
  });

  test('an admin starts a scan of every source: 202, audited, and its progress reaches done with both repositories scanned', async () => {
    const res = await call('POST', '/api/v1/scans', tokens.admin, {});
    expect(res.status).toBe(202);
    const started = (await res.json()) as ScanDoc;
    expect(started).toMatchObject({
      schema: 'cto.scan-run/v1',
      trigger: 'api',
      startedBy: 'admin@example.com',
      scope: 'all',
      mode: engine === 'postgres' ? 'queue' : 'process',
      status: 'running',
    });
    if (engine === 'sqlite') {
      // One scan at a time in the server's process: a second request while it runs is refused.
      const again = await call('POST', '/api/v1/scans', tokens.admin, {});
      expect(again.status).toBe(409);
      expect(await errorCode(again)).toBe('SCAN_IN_PROGRESS');
    }
    const done = await scanDone(started.id);
    expect(done.status).toBe('done');
    expect(done.progress).toEqual({
      total: 2,
      done: 2,
      pending: 0,
      running: engine === 'postgres' ? 0 : null,
    });
    expect(done.outcomes).toMatchObject({ ok: 2, failed: 0 });
    expect(done.items?.map((i) => [i.name, i.status]).sort()).toEqual([
      ['alpha', 'ok'],
      ['beta', 'ok'],
    ]);
    if (engine === 'postgres') expect(done.items?.every((i) => i.job !== null)).toBe(true);
    const audit = (await auditRows(store)).find((r) => r.action === 'scan.started');
    expect(audit?.actor).toBe('admin@example.com');
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({
      scan: started.id,
      trigger: 'api',
      scope: 'all',
    });
  }, 120_000);

  test('named repositories: an unknown name is refused (404, nothing started); a known one is scanned again, unchanged', async () => {
    const before = (await listServerScans(store)).length;
    const bad = await call('POST', '/api/v1/scans', tokens.admin, { repositories: ['alpha', 'nope'] });
    expect(bad.status).toBe(404);
    const error = ((await bad.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('REPOSITORY_NOT_FOUND');
    expect(error.message).toMatch(/"nope"/);
    const wrong = await call('POST', '/api/v1/scans', tokens.admin, { repositories: 'alpha' });
    expect(wrong.status).toBe(400);
    expect(await errorCode(wrong)).toBe('USAGE');
    expect(await listServerScans(store)).toHaveLength(before);
    const res = await call('POST', '/api/v1/scans', tokens.admin, { repositories: ['alpha'] });
    expect(res.status).toBe(202);
    const done = await scanDone(((await res.json()) as ScanDoc).id);
    expect(done).toMatchObject({
      status: 'done',
      scope: ['alpha'],
      progress: { total: 1, done: 1, pending: 0 },
    });
    expect(done.outcomes.unchanged).toBe(1);
  }, 120_000);

  test('GET /api/v1/scans lists the scans newest first, paged, with the schedules; an unknown id is 404', async () => {
    const list = (await (await call('GET', '/api/v1/scans?limit=1', tokens.member)).json()) as {
      schema: string;
      total: number;
      items: ScanDoc[];
      schedules: unknown[];
    };
    expect(list.schema).toBe('cto.scan-runs/v1');
    expect(list.total).toBe(2);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.scope).toEqual(['alpha']);
    expect(list.schedules).toEqual([]);
    const missing = await call('GET', '/api/v1/scans/999', tokens.member);
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe('NOT_FOUND');
  });
});

describe.each(ENGINES)('a queued scan read while its repositories are being queued (%s)', (engine) => {
  test('is still running until its total is known, then done once its repositories are', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      const id = await insertServerScan(store, {
        trigger: 'schedule',
        actor: 'schedule:* * * * * *',
        scope: '"all"',
        mode: 'queue',
        created_at: new Date().toISOString(),
      });
      // Read before a job is queued: nothing pending, but the scan is not over.
      const early = await refreshQueued(store, (await serverScan(store, id)) as ServerScanRow);
      expect(early.status).toBe('running');
      const unchanged = { job_id: null, status: 'unchanged', error_code: null, error_message: null };
      await insertServerScanItems(store, id, [{ name: 'alpha', path: '/a', ...unchanged }]);
      await setServerScanTotal(store, id, 1);
      const late = await refreshQueued(store, (await serverScan(store, id)) as ServerScanRow);
      expect(late.status).toBe('done');
    } finally {
      await store.close();
    }
  });
});
