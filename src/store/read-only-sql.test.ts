// `cto sql` through the store, on both engines: queries read, everything else is refused with a
// stable code, and a query stops at its timeout or when cancelled.
import { afterAll, describe, expect, test } from 'vitest';
import { eventually, processesMatching } from '../../test/helpers/processes.ts';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { codeOf } from '../../test/helpers/sql.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import type { Engine } from './migrations/index.ts';
import { openStore, type Store, sql } from './store.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const ENDLESS = 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c';

async function storeWithRows(engine: Engine): Promise<Store> {
  const store = await openStore(freshStoreTarget(engine));
  const repo = await store.db
    .insertInto('repositories')
    .values({ key: '/k', name: 'demo', path: '/p', current_snapshot_id: 7, created_at: 'now' })
    .returning('id')
    .executeTakeFirstOrThrow();
  expect(repo.id).toBeGreaterThan(0);
  await store.insertMany(
    'files',
    ['b.txt', 'a.txt', 'c.txt'].map((path, i) => ({
      snapshot_id: 7,
      path,
      blob_id: `b${i}`,
      mode: '100644',
      kind: 'file',
      size: i,
      is_binary: 0,
      lines: i === 1 ? null : i,
    })),
  );
  // 2^60 + i: exact in the database, beyond what a JavaScript number holds.
  await sql`update files set size = size + ${sql.raw(String(2n ** 60n))}`.execute(store.db);
  return store;
}

describe.each(ENGINES)('cto sql on %s', (engine) => {
  test('SELECTs over tables and current_* views return columns and rows in order', async () => {
    const store = await storeWithRows(engine);
    const r = await store.readOnlyQuery(
      'select repository, path, lines, size from current_files order by path desc',
    );
    expect(r.columns).toEqual(['repository', 'path', 'lines', 'size']);
    // Integers too large for a number keep their exact digits.
    expect(r.rows).toEqual([
      ['demo', 'c.txt', 2, String(2n ** 60n + 2n)],
      ['demo', 'b.txt', 0, String(2n ** 60n)],
      ['demo', 'a.txt', null, String(2n ** 60n + 1n)],
    ]);
    const same = await store.readOnlyQuery('select 1 as a, 2 as a, name from repositories');
    expect(same).toEqual({ columns: ['a', 'a', 'name'], rows: [[1, 2, 'demo']] });
    const none = await store.readOnlyQuery("select name, path from repositories where name = 'none'");
    expect(none).toEqual({ columns: ['name', 'path'], rows: [] });
    const counted = await store.readOnlyQuery(
      'with t as (select count(*) as n from files) select n from t union all values (5)',
    );
    expect(counted.rows.map((row) => Number(row[0]))).toEqual([3, 5]);
    await store.close();
  });

  test('an endless recursive query stops at the timeout, and the store still answers', async () => {
    const store = await storeWithRows(engine);
    expect(await codeOf(store, ENDLESS, { timeoutMs: 500 })).toBe('SQL_TIMEOUT');
    const r = await store.readOnlyQuery('select count(*) from files');
    expect(Number(r.rows[0]?.[0])).toBe(3);
    await store.close();
  });

  test('a cancelled query stops with SQL_CANCELLED', async () => {
    const store = await storeWithRows(engine);
    const abort = new AbortController();
    const pending = codeOf(store, ENDLESS, { timeoutMs: 60_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 300);
    expect(await pending).toBe('SQL_CANCELLED');
    await store.close();
  });

  test('writes and statements beyond one query are refused with a stable code', async () => {
    const store = await storeWithRows(engine);
    const refused: Array<[string, string]> = [
      ["insert into repositories (key, name, path, created_at) values ('a','b','c','d')", 'DB_READ_ONLY'],
      ["update repositories set name = 'x'", 'DB_READ_ONLY'],
      ['delete from files', 'DB_READ_ONLY'],
      ['create table t (a int)', 'DB_READ_ONLY'],
      ['drop view current_files', 'DB_READ_ONLY'],
      ['vacuum', 'DB_READ_ONLY'],
      ['begin', 'SQL_NOT_ALLOWED'],
      ['commit', 'SQL_NOT_ALLOWED'],
      ['savepoint a', 'SQL_NOT_ALLOWED'],
      ['select 1; select 2', 'SQL_NOT_ALLOWED'],
      ['', 'USAGE'],
      ['select * from no_such_table', 'DB_QUERY'],
    ];
    for (const [text, code] of refused) expect([text, await codeOf(store, text)]).toEqual([text, code]);
    const r = await store.readOnlyQuery("select count(*), min(name) from repositories where name = 'demo'");
    expect(r.rows.map((row) => row.map(String))).toEqual([['1', 'demo']]);
    await store.close();
  });
});

test('on SQLite the query process is gone after a timeout', async () => {
  const store = await storeWithRows('sqlite');
  expect(await codeOf(store, ENDLESS, { timeoutMs: 300 })).toBe('SQL_TIMEOUT');
  await eventually('the query process to end', () =>
    processesMatching('sqlite/query-child').every((p) => p.ppid !== process.pid),
  );
  await store.close();
});
