import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { insertBatched, type TableRow } from './bulk-insert.ts';
import { openStore } from './store.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

// 8 columns x 10,000 rows: 80,000 parameters, more than PostgreSQL binds in one statement (65,535)
// and than SQLite does (32,766).
function fileRows(snapshotId: number, n: number): TableRow<'files'>[] {
  return Array.from({ length: n }, (_, i) => ({
    snapshot_id: snapshotId,
    path: `src/f${i}.ts`,
    blob_id: `b${i}`,
    mode: '100644',
    kind: 'file',
    size: i,
    is_binary: 0,
    lines: i % 7 === 0 ? null : i % 7,
  }));
}

describe.each(ENGINES)('bulk insert on %s', (engine) => {
  test('the store inserts more rows than one statement can bind, without the caller batching', async () => {
    const store = await openStore(freshStoreTarget(engine));
    await store.insertMany('files', fileRows(1, 10_000));
    const n = await store.db
      .selectFrom('files')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('size').as('total')])
      .where('snapshot_id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(10_000);
    expect(Number(n.total)).toBe((9_999 * 10_000) / 2);
    await store.close();
  });

  test('inside a transaction, the batched insert splits the rows into statements the engine accepts', async () => {
    const store = await openStore(freshStoreTarget(engine));
    await store.db.transaction().execute((trx) => insertBatched(trx, 'files', fileRows(2, 10_000)));
    const last = await store.db
      .selectFrom('files')
      .select(['path', 'lines', 'size'])
      .where('snapshot_id', '=', 2)
      .where('blob_id', '=', 'b9999')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ path: 'src/f9999.ts', lines: 9_999 % 7, size: 9_999 });
    const nulls = await store.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lines', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(nulls.n)).toBe(1_429);
    const n = await store.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(10_000);
    await store.close();
  });
});

test('rows are typed from the schema by table name', () => {
  // Never run: the type checker refuses a row without the table's required columns.
  const wrong = async () => {
    const store = await openStore(':memory:');
    // @ts-expect-error `files` rows need blob_id, mode and kind
    await store.insertMany('files', [{ snapshot_id: 1, path: 'a' }]);
  };
  expect(typeof wrong).toBe('function');
});
