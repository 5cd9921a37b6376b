// The scan queue with real processes on PostgreSQL: `cto scan --queue` enqueues, two `cto worker`
// processes share the jobs, every snapshot is written once; a worker killed with SIGKILL mid-job loses
// nothing (its job goes to another worker once its lease runs out); SIGTERM lets the job in hand finish.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CTO_BIN, cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, type CommitSpec, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, freshStoreTarget, PG_URL } from '../helpers/stores.ts';

interface Worker {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const workers: Worker[] = [];

function startWorker(db: string, ws: string, jobs = 1): Worker {
  const child = spawn(
    process.execPath,
    [CTO_BIN, 'worker', '--db', db, '--workspace', ws, '--jobs', String(jobs)],
    {
      env: { ...process.env, CTO_DB: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('close', (code, signal) => res({ code, signal })),
  );
  const w = { child, stderr: () => err, exit };
  workers.push(w);
  return w;
}

/** Rows of the store's schema (and its queue's) through a client of the test's own. */
async function query<T>(db: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const schema = new URL(db).searchParams.get('schema');
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Snapshots per repository path and status. */
async function snapshots(db: string): Promise<{ path: string; status: string }[]> {
  return query(
    db,
    'select r.path, s.status from snapshots s join repositories r on r.id = s.repository_id order by r.path, s.id',
  );
}

async function until(what: string, check: () => Promise<boolean> | boolean, tries = 600): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** A repository whose scan takes a while: many commits, each changing a file. */
function bigRepo(dir: string, commits: number): string {
  const specs: CommitSpec[] = Array.from({ length: commits }, (_, i) => ({
    author: i % 2 ? ADA : BOB,
    date: new Date(Date.UTC(2022, 0, 1) + i * 3_600_000).toISOString(),
    files: { [`src/f${i % 300}.txt`]: `line ${i}\n`.repeat(1 + (i % 7)) },
  }));
  return buildRepo(dir, specs);
}

let root: string;
let ws: string;

beforeAll(() => {
  root = tempDir('cto-queue-');
  ws = tempDir('cto-queue-ws-');
  for (let i = 0; i < 6; i++)
    buildRepo(join(root, 'small', `r${i}`), [
      { author: ADA, date: '2024-01-01T10:00:00Z', files: { 'README.md': `# r${i}\n` } },
      { author: BOB, date: '2024-02-01T10:00:00Z', files: { [`src/m${i}.ts`]: 'export {};\n' } },
    ]);
  bigRepo(join(root, 'big', 'slow-a'), 4000);
  bigRepo(join(root, 'big', 'slow-b'), 4000);
}, 600_000);

afterAll(async () => {
  for (const w of workers)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exit));
  await dropTestSchemas();
  cleanupTemp();
});

describe('scan queue on PostgreSQL', () => {
  test('--queue on SQLite is a usage error', () => {
    const r = cto(['scan', join(root, 'small'), '--queue', '--workspace', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a PostgreSQL store.*\[USAGE\]/);
  });

  test('two workers share the jobs; enqueuing twice adds nothing; every snapshot is written once', async () => {
    const db = freshStoreTarget('postgres');
    const first = cto(['scan', join(root, 'small'), '--queue', '--db', db, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ schema: 'cto.queue/v1', added: 6, alreadyQueued: 0 });
    const again = JSON.parse(cto(['scan', join(root, 'small'), '--queue', '--db', db, '--json']).stdout);
    expect(again).toMatchObject({ added: 0, alreadyQueued: 6 });
    const jobs = await query<{ n: number }>(
      db,
      `select count(*)::int as n from ${new URL(db).searchParams.get('schema')}_queue.job where name = 'scan'`,
    );
    expect(jobs[0]?.n).toBe(6);

    const a = startWorker(db, ws);
    const b = startWorker(db, ws);
    const waited = cto(['scan', join(root, 'small'), '--queue', '--db', db, '--wait', '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    const out = JSON.parse(waited.stdout);
    expect(out.summary).toMatchObject({ repositories: 6, ok: 6, failed: 0 });

    const rows = await snapshots(db);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.path)).size).toBe(6);
    expect(rows.every((r) => r.status === 'ok')).toBe(true);

    // A rescan with nothing new queues no job: the six are unchanged, decided by the enqueuing command.
    const rescan = cto(['scan', join(root, 'small'), '--queue', '--db', db, '--wait', '--json']);
    expect(rescan.code, rescan.stderr).toBe(0);
    expect(JSON.parse(rescan.stdout).summary).toMatchObject({ repositories: 6, unchanged: 6, failed: 0 });
    const listed = JSON.parse(cto(['scan', join(root, 'small'), '--queue', '--db', db, '--json']).stdout);
    expect(listed).toMatchObject({ added: 0, alreadyQueued: 0 });
    expect(listed.unchanged).toHaveLength(6);
    const jobsAfter = await query<{ n: number }>(
      db,
      `select count(*)::int as n from ${new URL(db).searchParams.get('schema')}_queue.job where name = 'scan'`,
    );
    expect(jobsAfter[0]?.n).toBe(6);
    expect(await snapshots(db)).toHaveLength(6);

    // cto status: nothing waiting, both workers alive, every repository scanned today, none stale.
    const status = JSON.parse(cto(['status', '--db', db, '--json']).stdout);
    expect(status.schema).toBe('cto.status/v1');
    expect(status.queue).toMatchObject({ waiting: 0, running: 0, failed: 0, deadLetters: [] });
    expect(status.queue.workers.map((w: { pid: number }) => w.pid).sort()).toEqual(
      [a.child.pid, b.child.pid].sort(),
    );
    expect(status.repositories).toHaveLength(6);
    expect(status.findings).toEqual([]);
    // Past snapshots.staleAfterDays (90 by default) every repository is a finding.
    const later = JSON.parse(cto(['status', '--db', db, '--json', '--today', '2099-01-01']).stdout);
    expect(later.findings.map((f: { rule: string }) => f.rule)).toEqual(Array(6).fill('stale-repository'));

    // A repository gone before its job runs: a dead letter with the reason, not retried.
    const doomed = buildRepo(join(tempDir(), 'doomed'), [
      { author: ADA, date: '2024-01-01T10:00:00Z', files: { 'a.txt': 'a\n' } },
    ]);
    a.child.kill('SIGSTOP');
    b.child.kill('SIGSTOP');
    expect(cto(['scan', doomed, '--queue', '--db', db]).code).toBe(0);
    rmSync(doomed, { recursive: true, force: true });
    a.child.kill('SIGCONT');
    b.child.kill('SIGCONT');
    let dead: { path: string; code: string }[] = [];
    await until('the dead letter', async () => {
      dead = JSON.parse(cto(['status', '--db', db, '--json']).stdout).queue.deadLetters;
      return dead.length > 0;
    });
    expect(dead).toMatchObject([{ path: doomed, code: 'PATH_NOT_FOUND' }]);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exit).toEqual({ code: 0, signal: null });
    expect(await b.exit).toEqual({ code: 0, signal: null });
    // Both took part (each says what it completed) or one was faster: together they did each job once.
    const done = (a.stderr() + b.stderr()).match(/^completed /gm) ?? [];
    expect(done).toHaveLength(6);
    expect(a.stderr() + b.stderr()).toMatch(/^deadletter .*doomed.*\[PATH_NOT_FOUND\]/m);
  }, 300_000);

  test('a worker killed with SIGKILL mid-job loses nothing: the job is retried after its lease', async () => {
    const db = freshStoreTarget('postgres');
    const slow = join(root, 'big', 'slow-a');
    expect(cto(['scan', slow, '--queue', '--db', db, '--lease', '10']).code).toBe(0);
    const a = startWorker(db, ws);
    await until('the scan to start', async () =>
      (await snapshots(db).catch(() => [])).some((s) => s.status === 'running'),
    );
    a.child.kill('SIGKILL');
    expect((await a.exit).signal).toBe('SIGKILL');

    const b = startWorker(db, ws);
    const waited = cto(['scan', slow, '--queue', '--db', db, '--wait', '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    expect(JSON.parse(waited.stdout).summary).toMatchObject({ repositories: 1, ok: 1 });
    // One snapshot written, the killed scan's marked abandoned (its rows removed), none running.
    expect((await snapshots(db)).map((s) => s.status).sort()).toEqual(['abandoned', 'ok']);
    const schema = new URL(db).searchParams.get('schema');
    const [job] = await query<{ retry_count: number; state: string }>(
      db,
      `select retry_count, state from ${schema}_queue.job where name = 'scan'`,
    );
    expect(job).toMatchObject({ state: 'completed' });
    expect(job?.retry_count).toBeGreaterThanOrEqual(1);
    b.child.kill('SIGTERM');
    expect((await b.exit).code).toBe(0);
  }, 300_000);

  test('SIGTERM finishes the job in hand, takes no new one and exits 0; priority orders the jobs', async () => {
    const db = freshStoreTarget('postgres');
    const slow = join(root, 'big', 'slow-b');
    const small = join(root, 'small', 'r0');
    expect(cto(['scan', small, '--queue', '--db', db]).code).toBe(0);
    expect(cto(['scan', slow, '--queue', '--db', db, '--priority', '10']).code).toBe(0);
    const w = startWorker(db, ws, 1);
    await until('the scan to start', async () =>
      (await snapshots(db).catch(() => [])).some((s) => s.status === 'running'),
    );
    // Queued after the small repository, the slow one runs first: its priority is higher.
    expect(await snapshots(db)).toEqual([{ path: slow, status: 'running' }]);
    w.child.kill('SIGTERM');
    expect(await w.exit).toEqual({ code: 0, signal: null });
    expect(await snapshots(db)).toEqual([{ path: slow, status: 'ok' }]);
    const schema = new URL(db).searchParams.get('schema');
    const states = await query<{ state: string; path: string }>(
      db,
      `select state, data->>'path' as path from ${schema}_queue.job where name = 'scan' order by path`,
    );
    expect(states).toEqual([
      { state: 'completed', path: slow },
      { state: 'created', path: small },
    ]);
  }, 300_000);

  test('SIGTERM to the launcher of an older Node.js reaches the worker, which drains and exits 0', async () => {
    const db = freshStoreTarget('postgres');
    const launch = `Object.defineProperty(process.versions, 'node', { value: '20.1.0' }); process.argv.splice(1, process.argv.length, 'cto', 'worker', '--db', ${JSON.stringify(db)}, '--workspace', ${JSON.stringify(ws)}); await import(${JSON.stringify(pathToFileURL(CTO_BIN).href)})`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', launch], {
      env: { ...process.env, CTO_DB: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
      child.on('close', (code, signal) => res({ code, signal })),
    );
    await until('the worker to start', () => err.includes('waiting for jobs'));
    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(err).toMatch(/SIGTERM: finishing the jobs in hand/);
  }, 120_000);

  test('cto status: repositories sources.yaml lists and no scan reached are stale findings', () => {
    const db = freshStoreTarget('postgres');
    const listing = tempDir('cto-queue-sources-');
    writeFileSync(join(listing, 'sources.yaml'), `sources:\n  - folder: ${join(root, 'small')}\n`);
    expect(cto(['sources', 'sync', '--db', db, '--workspace', listing]).code).toBe(0);
    expect(cto(['scan', join(root, 'small', 'r1'), '--db', db, '--workspace', listing]).code).toBe(0);
    const status = JSON.parse(cto(['status', '--db', db, '--workspace', listing, '--json']).stdout);
    expect(status.queue).toBeNull();
    const stale = status.findings.map((f: { path: string }) => f.path).sort();
    expect(stale).toEqual([0, 2, 3, 4, 5].map((i) => join(root, 'small', `r${i}`)));
    expect(status.repositories).toHaveLength(6);
  }, 120_000);
});
