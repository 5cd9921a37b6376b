// 0012: the licence feed's cache: what a public registry states as the licence of one package
// version (ecosystem, name, version), with where it was read. Not per snapshot: joined to the
// dependencies of any snapshot at query time, and kept across scans so that lookups work offline.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const licenceCache: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('licence_cache')
      .addColumn('ecosystem', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('licence', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('fetched_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('licence_cache_pk', ['ecosystem', 'name', 'version'])
      .execute();
  },
};
