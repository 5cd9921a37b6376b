// One scan per repository at a time, on both engines: concurrent scans give one snapshot, a lock
// left by a killed process is taken over, and other repositories are never blocked.
import { type ChildProcess, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { ADA, buildRepo, type CommitSpec, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { isStale, STALE_AFTER_MS } from '../store/locks.ts';
import type { Engine } from '../store/migrations/index.ts';
import { openStore, type Store } from '../store/store.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';
import type { RepoOutcome } from './scan.ts';

const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await dropTestSchemas();
  cleanupTemp();
});

const HISTORY: CommitSpec[] = Array.from({ length: 60 }, (_, i) => ({
  author: ADA,
  files: { [`src/f${i % 10}.ts`]: `v${i}\n`.repeat(1 + (i % 5)) },
}));

async function scan(store: Store, paths: string[], lockWaitMs = 0): Promise<RepoOutcome[]> {
  const r = await runScan(store, {
    paths,
    depth: 4,
    jobs: 2,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({}),
    workspace: { dir: '.', config: {} },
    lockWaitMs,
  });
  return r.repositories;
}

async function snapshots(store: Store): Promise<number> {
  const r = await store.db
    .selectFrom('snapshots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The repository's lock key: the real path of its common git directory. */
const keyOf = (dir: string) => realpathSync(join(dir, '.git'));

/** Another process takes the repository's lock and keeps it until killed; resolves with its pid. */
async function holdLockInChild(target: string, key: string): Promise<ChildProcess> {
  const storeModule = resolve(import.meta.dirname, '../store/store.ts');
  const code = `
    const { openStore } = await import(${JSON.stringify(storeModule)});
    const store = await openStore(${JSON.stringify(target)});
    const r = await store.tryLock(${JSON.stringify(key)});
    process.stdout.write(r.acquired ? 'locked\\n' : 'refused\\n');
    setInterval(() => {}, 1 << 30);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((res) =>
    child.stdout?.once('data', (b: Buffer) => res(b.toString())),
  );
  expect(line.trim()).toBe('locked');
  return child;
}

describe.each(ENGINES)('scan lock on %s', (engine: Engine) => {
  test('two scans started together on one repository write exactly one snapshot', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const target = freshStoreTarget(engine);
    const a = await openStore(target);
    const b = await openStore(target);
    const [[x], [y]] = await Promise.all([scan(a, [dir]), scan(b, [dir])]);
    expect([x?.status, y?.status].sort()).toEqual(['ok', 'skipped']);
    const skipped = x?.status === 'skipped' ? x : y;
    expect(skipped?.error?.code).toBe('SCAN_IN_PROGRESS');
    expect(skipped?.error?.message).toContain(`pid ${process.pid} on ${hostname()}`);
    expect(await snapshots(a)).toBe(1);
    // A scan that waits for the other one finds its snapshot: unchanged, still one snapshot.
    const c = await openStore(target);
    const again = await Promise.all([scan(a, [dir], 30_000), scan(c, [dir], 30_000)]);
    expect(again.map(([o]) => o?.status)).toEqual(['unchanged', 'unchanged']);
    expect(await snapshots(a)).toBe(1);
    const locks = await a.db.selectFrom('scan_locks').selectAll().execute();
    expect(locks).toEqual([]);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  test('a waiting scan runs after the other ends and reads what is new, never twice', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const target = freshStoreTarget(engine);
    const stores = await Promise.all([openStore(target), openStore(target), openStore(target)]);
    const outcomes = (await Promise.all(stores.map((s) => scan(s, [dir], 60_000)))).flat();
    expect(outcomes.map((o) => o.status).sort()).toEqual(['ok', 'unchanged', 'unchanged']);
    expect(await snapshots(stores[0] as Store)).toBe(1);
    await Promise.all(stores.map((s) => s.close()));
  });

  test('a lock left by a killed scan is taken over', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const target = freshStoreTarget(engine);
    const child = await holdLockInChild(target, keyOf(dir));
    const store = await openStore(target);
    const [held] = await scan(store, [dir]);
    expect(held).toMatchObject({ status: 'skipped', error: { code: 'SCAN_IN_PROGRESS' } });
    expect(held?.error?.message).toContain(`pid ${child.pid} on ${hostname()}`);
    expect(await snapshots(store)).toBe(0);
    const ended = new Promise((res) => child.once('exit', res));
    child.kill('SIGKILL');
    await ended;
    // PostgreSQL ends the session when the connection drops; allow it a moment.
    const [after] = await scan(store, [dir], 20_000);
    expect(after).toMatchObject({ status: 'ok', commits: HISTORY.length });
    await store.close();
  });

  test('scans of different repositories do not block each other', async () => {
    const root = tempDir();
    const busy = buildRepo(join(root, 'busy'), HISTORY);
    buildRepo(join(root, 'free'), HISTORY);
    const target = freshStoreTarget(engine);
    const holder = await openStore(target);
    const lock = await holder.tryLock(keyOf(busy));
    expect(lock.acquired).toBe(true);
    const store = await openStore(target);
    const outcomes = await scan(store, [root]);
    expect(Object.fromEntries(outcomes.map((o) => [o.name, o.status]))).toEqual({
      busy: 'skipped',
      free: 'ok',
    });
    if (lock.acquired) await lock.release();
    const [later] = await scan(store, [busy]);
    expect(later?.status).toBe('ok');
    await Promise.all([holder.close(), store.close()]);
  });

  test('a failed scan releases its lock', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const store = await openStore(freshStoreTarget(engine));
    const r = await runScan(store, {
      paths: [dir],
      rev: 'no-such-branch',
      depth: 1,
      jobs: 1,
      maxFileSize: 1 << 20,
      plugins: givenPlugins({}),
      workspace: { dir: '.', config: {} },
    });
    expect(r.repositories[0]?.status).toBe('failed');
    expect(await store.db.selectFrom('scan_locks').selectAll().execute()).toEqual([]);
    const [o] = await scan(store, [dir]);
    expect(o?.status).toBe('ok');
    await store.close();
  });

  test('cto scan prints a line for a repository another scan holds, and exits 0', async () => {
    const dir = buildRepo(join(tempDir(), 'express'), HISTORY);
    const target = freshStoreTarget(engine);
    const holder = await openStore(target);
    const lock = await holder.tryLock(keyOf(dir));
    const r = cto(['scan', dir, '--workspace', tempDir(), '--db', target]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/express .*skipped: another scan is running \(pid \d+ on /);
    const json = cto(['scan', dir, '--workspace', tempDir(), '--db', target, '--json']);
    const doc = JSON.parse(json.stdout);
    expect(doc.summary).toMatchObject({ skipped: 1, failed: 0 });
    if (lock.acquired) await lock.release();
    await holder.close();
  });
});

describe('stale lock rows', () => {
  const row = (over: Partial<Parameters<typeof isStale>[0]>) => ({
    pid: process.pid,
    host: hostname(),
    process_started: null,
    acquired_at: new Date().toISOString(),
    heartbeat_at: new Date().toISOString(),
    ...over,
  });

  test('a live holder on this host is not stale; a gone one is', () => {
    expect(isStale(row({}))).toBe(false);
    expect(isStale(row({ pid: 2 ** 22 + 12345 }))).toBe(true);
  });

  test('a reused pid (another start time) is stale', () => {
    expect(isStale(row({ process_started: '1' }))).toBe(true);
  });

  test('a holder on another host is trusted while it beats, stale once silent', () => {
    const old = new Date(Date.now() - STALE_AFTER_MS - 1000).toISOString();
    expect(isStale(row({ host: 'elsewhere', pid: 1 }))).toBe(false);
    expect(isStale(row({ host: 'elsewhere', pid: 1, heartbeat_at: old }))).toBe(true);
  });

  test('on SQLite a row from another host that stopped beating is taken over by a scan', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const store = await openStore(freshStoreTarget('sqlite'));
    const old = new Date(Date.now() - STALE_AFTER_MS - 1000).toISOString();
    await store.db
      .insertInto('scan_locks')
      .values({
        key: keyOf(dir),
        token: 't',
        pid: 1,
        host: 'elsewhere',
        process_started: null,
        acquired_at: old,
        heartbeat_at: old,
      })
      .execute();
    const [o] = await scan(store, [dir]);
    expect(o?.status).toBe('ok');
    await store.close();
  });
});
