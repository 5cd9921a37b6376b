// A migration that lands after a higher-numbered one already ran on a store still runs: numbers are
// given as features are planned, not in the order they land.
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { openStore } from '../store.ts';
import type { Engine } from './index.ts';
import { currentView } from './views.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('migrations out of order on %s', (engine: Engine) => {
  test('a store that ran 0018 before 0015 existed takes 0015 when it arrives', async () => {
    const target = freshStoreTarget(engine);
    const store = await openStore(target);
    // As a store left by a cto that had 0018 but not yet 0015.
    for (const t of ['dependencies', 'runtimes', 'images']) {
      await sql.raw(`drop view current_${t}`).execute(store.db);
      await sql.raw(`alter table ${t} drop column exposure`).execute(store.db);
      await currentView(store.db as unknown as Kysely<unknown>, t);
    }
    await sql`delete from kysely_migration where name = '0015-exposure'`.execute(store.db);
    await store.close();
    const again = await openStore(target);
    try {
      const ran = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        again.db,
      );
      expect(ran.rows.map((r) => r.name)).toContain('0015-exposure');
      const cols = await sql`select exposure from dependencies`.execute(again.db);
      expect(cols.rows).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
