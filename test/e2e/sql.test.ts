// `cto sql` as a user runs it: --timeout, and a query that ends with the client (killed or
// interrupted) on both engines.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/store.ts';
import { CTO_BIN, cto } from '../helpers/cli.ts';
import { eventually, processesMatching } from '../helpers/processes.ts';
import { cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, freshStoreTarget, PG_URL } from '../helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const ENDLESS = 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c';

/** A workspace and the `--db` that reaches a new, empty store of the engine. */
async function storeFor(engine: 'sqlite' | 'postgres'): Promise<{ ws: string; db: string }> {
  const ws = tempDir();
  const db = engine === 'sqlite' ? join(ws, '.cto', 'cto.db') : freshStoreTarget('postgres');
  await (await openStore(db)).close();
  return { ws, db };
}

function startCto(args: string[]): ChildProcess {
  return spawn(process.execPath, [CTO_BIN, ...args], { env: { ...process.env, CTO_DB: '' }, stdio: 'pipe' });
}

function ended(child: ChildProcess): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((res) => child.on('close', (code, signal) => res({ code, signal, stderr })));
}

async function activeQueries(schema: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const r = await c.query(
      "select count(*)::int as n from pg_stat_activity where application_name = 'cto sql' and state = 'active' and query like $1",
      [`%${schema}%`],
    );
    return r.rows[0].n as number;
  } finally {
    await c.end();
  }
}

test('--timeout takes seconds above 0; anything else is one usage line', async () => {
  const { ws } = await storeFor('sqlite');
  for (const bad of ['0', '-1', 'abc', '1e3', '90000']) {
    const r = cto(['sql', 'select 1', '--timeout', bad, '--workspace', ws]);
    expect([bad, r.code]).toEqual([bad, 2]);
    expect(r.stderr).toMatch(/--timeout takes a number of seconds/);
  }
  expect(cto(['sql', 'select 1', '--timeout', '2.5', '--workspace', ws]).code).toBe(0);
});

describe.each(['sqlite', 'postgres'] as const)('cto sql on %s', (engine) => {
  test('an endless query stops at --timeout with SQL_TIMEOUT', async () => {
    const { ws, db } = await storeFor(engine);
    const r = cto(['sql', ENDLESS, '--timeout', '0.5', '--workspace', ws, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ran longer than 0\.5 s.*\[SQL_TIMEOUT\]/);
  });

  test('Ctrl-C stops the query where it runs, with SQL_CANCELLED', async () => {
    const { ws, db } = await storeFor(engine);
    const child = startCto([
      'sql',
      engine === 'sqlite' ? ENDLESS : 'select pg_sleep(1000)',
      '--workspace',
      ws,
      '--db',
      db,
    ]);
    const done = ended(child);
    const schema = new URL(engine === 'postgres' ? db : 'file:///').searchParams.get('schema') ?? '';
    const running = async () =>
      engine === 'sqlite'
        ? processesMatching('sqlite/query-child').some((p) => p.ppid === child.pid)
        : (await activeQueries(schema)) > 0;
    await eventually('the query to start', running);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[SQL_CANCELLED\]/);
    await eventually('the query to end', async () => !(await running()));
  });
});

test('a killed cto leaves no SQLite query process behind', async () => {
  const { ws } = await storeFor('sqlite');
  const child = startCto(['sql', ENDLESS, '--workspace', ws]);
  const done = ended(child);
  let queryPid = 0;
  await eventually('the query process to start', () => {
    queryPid = processesMatching('sqlite/query-child').find((p) => p.ppid === child.pid)?.pid ?? 0;
    return queryPid > 0;
  });
  child.kill('SIGKILL');
  await done;
  await eventually('the orphaned query process to end', () =>
    processesMatching('sqlite/query-child').every((p) => p.pid !== queryPid),
  );
});

test('a killed cto leaves no PostgreSQL query running', async () => {
  const { ws, db } = await storeFor('postgres');
  const schema = new URL(db).searchParams.get('schema') as string;
  const child = startCto(['sql', 'select pg_sleep(1000)', '--workspace', ws, '--db', db]);
  const done = ended(child);
  await eventually('the query to start', async () => (await activeQueries(schema)) === 1);
  child.kill('SIGKILL');
  await done;
  await eventually('the server to end the query', async () => (await activeQueries(schema)) === 0);
});
