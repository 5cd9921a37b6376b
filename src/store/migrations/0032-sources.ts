// 0032: the repositories sources.yaml lists, as `cto sources sync` found them, and their mirrors.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const sources: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('source_repositories')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('mirror', 'text')
      .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('fork', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('gone_at', 'text')
      .addColumn('fetched_at', 'text')
      .addColumn('fetch_error', 'text')
      .execute();
    await db.schema
      .createIndex('source_repositories_source')
      .on('source_repositories')
      .columns(['source'])
      .execute();
  },
};
