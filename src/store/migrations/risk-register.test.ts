// 0017 was numbered before 0018 landed: a store that ran 0018 first still gets the register.
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { openStore } from '../store.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('migration 0017 on %s', (engine) => {
  test('runs on a store that has already run a later migration', async () => {
    const target = freshStoreTarget(engine);
    const store = await openStore(target);
    await store.db.schema.dropTable('risk_events').execute();
    await store.db.schema.dropTable('risks').execute();
    await sql`delete from kysely_migration where name = '0017-risk-register'`.execute(store.db);
    await store.close();
    const again = await openStore(target);
    const ran = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      again.db,
    );
    expect(ran.rows.map((r) => r.name)).toContain('0017-risk-register');
    expect(ran.rows.map((r) => r.name).at(-1)).not.toBe('0017-risk-register');
    expect(await again.db.selectFrom('risks').selectAll().execute()).toEqual([]);
    await again.close();
  });
});
