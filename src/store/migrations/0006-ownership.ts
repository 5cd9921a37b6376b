// 0006: line ownership: surviving lines per author (raw identity) per text file of a snapshot.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

export const ownership: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ownership')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('author_email', 'text', (c) => c.notNull())
      .addColumn('lines', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('ownership_snapshot')
      .on('ownership')
      .columns(['snapshot_id', 'path'])
      .execute();
    await currentView(db, 'ownership');
  },
};
