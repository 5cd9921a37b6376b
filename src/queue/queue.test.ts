// The queue borrows the store's PostgreSQL connections: a statement of pg-boss that fails half-way
// through its own transaction must not leave the store's connection inside it.
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, freshStoreTarget } from '../../test/helpers/stores.ts';
import { openStore } from '../store/store.ts';
import { storeConnection } from './queue.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe('the queue on the store connections (PostgreSQL)', () => {
  test('a failed transaction of the queue is rolled back: the store answers the next queries', async () => {
    const store = await openStore(freshStoreTarget('postgres'));
    try {
      const adapter = storeConnection(store.db);
      await expect(adapter.executeSql('BEGIN; SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
      // The pool hands the same connection back: each query must find it out of any transaction.
      for (let i = 0; i < 5; i++) {
        const { rows } = await sql<{ x: number }>`select 1 as x`.execute(store.db);
        expect(rows).toEqual([{ x: 1 }]);
      }
      // What a statement that succeeds returns, with its parameters.
      expect(await adapter.executeSql('select $1::int + 1 as y', [41])).toEqual({ rows: [{ y: 42 }] });
    } finally {
      await store.close();
    }
  });
});
