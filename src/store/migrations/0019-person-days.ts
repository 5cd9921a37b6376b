// 0019: each contributor's commits per day (UTC), a window-free fact: "commits in the last 90 days"
// is counted at read time back from the reference date a command is given (docs/risk.md).
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

export const personDays: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('person_days')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('commits', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('person_days_snapshot').on('person_days').columns(['snapshot_id']).execute();
    await currentView(db, 'person_days');
  },
};
