// 0010: where a snapshot's objects came from (the scanned folder, the real git directories and the
// borrowed object directories), a view of current diagnostics, and one scan lock per repository.
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

export const scanIdentity: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['scanned_path', 'git_dir', 'common_dir', 'alternates']) {
      await db.schema.alterTable('snapshots').addColumn(column, 'text').execute();
    }
    // `s.*` was expanded when the view was made: make it again to show the new columns.
    await sql`drop view current_snapshots`.execute(db);
    await sql`create view current_snapshots as select r.name as repository, s.* from repositories r join snapshots s on s.id = r.current_snapshot_id`.execute(
      db,
    );
    await currentView(db, 'diagnostics');
    // One row per repository being scanned. On SQLite the row is the lock; on PostgreSQL an advisory
    // lock is, and the row only says who holds it.
    await db.schema
      .createTable('scan_locks')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('token', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('process_started', 'text')
      .addColumn('acquired_at', 'text', (c) => c.notNull())
      .addColumn('heartbeat_at', 'text', (c) => c.notNull())
      .execute();
  },
};
