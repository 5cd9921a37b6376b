// 0018: historical snapshots (`cto scan --history`): a snapshot of a past commit, the state of the
// repository at the end of a period (`as_of`, a date). It is never made current, so every read of the
// current snapshots (`repositories.current_snapshot_id`, the `current_*` views) leaves it out; trends
// and `--since` read it by its date.
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

export const historicalSnapshots: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('snapshots')
      .addColumn('historical', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('snapshots').addColumn('as_of', 'text').execute();
    await db.schema
      .createIndex('snapshots_historical')
      .on('snapshots')
      .columns(['repository_id', 'historical', 'as_of'])
      .execute();
    // `s.*` was expanded when the view was made: make it again to show the new columns.
    await sql`drop view current_snapshots`.execute(db);
    await sql`create view current_snapshots as select r.name as repository, s.* from repositories r join snapshots s on s.id = r.current_snapshot_id`.execute(
      db,
    );
  },
};
