// 0002: facts from file collectors (dependencies, runtimes, images).
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

export const collectorFacts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('dependencies')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('collector', 'text', (c) => c.notNull())
      .addColumn('ecosystem', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'text')
      .addColumn('requirement', 'text')
      .addColumn('direct', 'integer', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('manifest_path', 'text', (c) => c.notNull())
      .addColumn('license', 'text')
      .addColumn('source', 'text')
      .addColumn('parents', 'text')
      .execute();
    await db.schema
      .createIndex('dependencies_snapshot')
      .on('dependencies')
      .columns(['snapshot_id', 'ecosystem', 'name'])
      .execute();
    await db.schema
      .createTable('runtimes')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('collector', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('runtimes_snapshot').on('runtimes').column('snapshot_id').execute();
    await db.schema
      .createTable('images')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('collector', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'text')
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('line', 'integer')
      .execute();
    await db.schema.createIndex('images_snapshot').on('images').column('snapshot_id').execute();
    for (const t of ['dependencies', 'runtimes', 'images']) await currentView(db, t);
  },
};
