import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { isCtoError } from '../errors.ts';
import { openStore, parsePostgresUrl, sql } from './store.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('store on %s', (engine) => {
  test('migrates on open, and opening again is a no-op', async () => {
    const target = freshStoreTarget(engine);
    const a = await openStore(target);
    await a.db
      .insertInto('repositories')
      .values({ key: '/k', name: 'r', path: '/p', current_snapshot_id: null, created_at: 'now' })
      .execute();
    await a.close();
    const b = await openStore(target);
    const rows = await b.db.selectFrom('repositories').selectAll().execute();
    expect(rows).toHaveLength(1);
    await b.close();
  });

  test('stores opened at once on a new target all migrate', async () => {
    const target = freshStoreTarget(engine);
    const stores = await Promise.all([openStore(target), openStore(target), openStore(target)]);
    const db = stores[0]?.db;
    const done = db ? await sql<{ name: string }>`select name from kysely_migration`.execute(db) : null;
    expect(done?.rows.length).toBeGreaterThan(5);
    await Promise.all(stores.map((s) => s.close()));
  });

  test('inserts many rows at once and reads them back through the current views', async () => {
    const store = await openStore(freshStoreTarget(engine));
    const repo = await store.db
      .insertInto('repositories')
      .values({ key: '/k', name: 'demo', path: '/p', current_snapshot_id: null, created_at: 'now' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      snapshot_id: 7,
      path: `f${i}.txt`,
      blob_id: `b${i}`,
      mode: '100644',
      kind: 'file',
      size: 2 ** 40 + i,
      is_binary: 0,
      lines: i,
    }));
    await store.insertMany('files', rows);
    await store.db
      .updateTable('repositories')
      .set({ current_snapshot_id: 7 })
      .where('id', '=', repo.id)
      .execute();
    const r = await store.readOnlyQuery('select count(*) as n, max(size) as big from current_files');
    expect(r.columns).toEqual(['n', 'big']);
    expect(Number(r.rows[0]?.[0])).toBe(2500);
    expect(Number(r.rows[0]?.[1])).toBe(2 ** 40 + 2499);
    await store.close();
  });

  test('bulk inserts keep every value of every row, many rows per statement and the rest one by one', async () => {
    const store = await openStore(freshStoreTarget(engine));
    // 16 columns: 61 rows per statement, so 1,000 rows end with 24 inserted one by one.
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      snapshot_id: 3,
      path: `src/f${i}.ts`,
      commits: i,
      authors: i % 7,
      lines_added: i * 2,
      lines_deleted: i % 3,
      first_change_at: i % 5 === 0 ? null : `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      first_change_ts: i % 5 === 0 ? null : 1_700_000_000 + i,
      last_change_at: null,
      last_change_ts: null,
      code: i % 100,
      complexity: i % 4 === 0 ? null : i,
      score: i * (i % 100),
      recent_commits: i % 2,
      baseline_commits: i / 4,
      trend: i % 2 === 0 ? 'quiet' : 'new',
    }));
    await store.insertMany('hotspots', rows);
    const back = await store.db.selectFrom('hotspots').selectAll().orderBy('commits').execute();
    expect(
      back.map((r) => ({
        ...r,
        first_change_ts: r.first_change_ts === null ? null : Number(r.first_change_ts),
      })),
    ).toEqual(rows);
    const missing = rows
      .slice(0, 70)
      .map(({ trend: _, ...r }, i) => (i === 64 ? r : { ...r, trend: 'quiet' }));
    await expect(store.insertMany('hotspots', missing as typeof rows)).rejects.toThrow();
    expect(await store.db.selectFrom('hotspots').select('path').execute()).toHaveLength(1000);
    await store.close();
  });

  test('read-only SQL refuses writes and reports bad SQL as a typed error', async () => {
    const store = await openStore(freshStoreTarget(engine));
    const codeOf = async (text: string) => {
      try {
        await store.readOnlyQuery(text);
        return 'ok';
      } catch (e) {
        return isCtoError(e) ? e.code : String(e);
      }
    };
    expect(
      await codeOf("insert into repositories (key, name, path, created_at) values ('a','b','c','d')"),
    ).toBe('DB_READ_ONLY');
    expect(await codeOf('drop table commits')).toBe('DB_READ_ONLY');
    expect(await codeOf('select * from no_such_table')).toBe('DB_QUERY');
    expect(await codeOf('commit; drop table commits')).toBe('SQL_NOT_ALLOWED');
    expect(await codeOf('select 1; drop table commits')).toBe('SQL_NOT_ALLOWED');
    const stillThere = await store.readOnlyQuery('select count(*) from commits');
    expect(Number(stillThere.rows[0]?.[0])).toBe(0);
    const repos = await store.readOnlyQuery('select count(*) from repositories');
    expect(Number(repos.rows[0]?.[0])).toBe(0);
    await store.close();
  });
});

test('a PostgreSQL URL keeps its password out of the location shown to users', () => {
  const p = parsePostgresUrl('postgres://me:secret@db.example:5432/cto?schema=team_a');
  expect(p.schema).toBe('team_a');
  expect(p.location).not.toContain('secret');
  expect(() => parsePostgresUrl('postgres://h/db?schema=a;drop')).toThrow(/invalid schema/);
});

test('every table with a snapshot_id column is listed in SNAPSHOT_TABLES (a failed scan removes all its rows) or SNAPSHOT_REFERENCES (it outlives the snapshot)', async () => {
  const { SNAPSHOT_REFERENCES, SNAPSHOT_TABLES } = await import('./schema.ts');
  const store = await openStore(freshStoreTarget('sqlite'));
  const tables = await store.readOnlyQuery(
    "select m.name from sqlite_master m join pragma_table_info(m.name) c where m.type = 'table' and c.name = 'snapshot_id' order by 1",
  );
  expect(tables.rows.map((r) => r[0])).toEqual([...SNAPSHOT_TABLES, ...SNAPSHOT_REFERENCES].sort());
  await store.close();
});
