// 0004: feeds, external data loaded into the store (OSV advisories, endoflife.date lifecycles). Not
// per snapshot: a feed changes independently of scans and is matched against facts at query time.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { type Engine, withId } from './engine.ts';

export function feeds(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('advisories')
        .addColumn('ecosystem', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('modified', 'text', (c) => c.notNull())
        .addColumn('withdrawn', 'text')
        .addColumn('summary', 'text')
        .addColumn('severity_score', 'double precision')
        .addColumn('severity_level', 'text', (c) => c.notNull())
        .addColumn('aliases', 'text', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('advisories_pk', ['ecosystem', 'id'])
        .execute();
      await db.schema
        .createTable('advisory_packages')
        .addColumn('ecosystem', 'text', (c) => c.notNull())
        .addColumn('package', 'text', (c) => c.notNull())
        .addColumn('advisory_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('advisory_packages_name')
        .on('advisory_packages')
        .columns(['ecosystem', 'package'])
        .execute();
      await db.schema
        .createTable('eol_products')
        .addColumn('product', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('identifiers', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('eol_cycles')
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('cycle_name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('release_date', 'text')
        .addColumn('lts', 'text')
        .addColumn('eoas', 'text')
        .addColumn('eol', 'text')
        .addColumn('eoes', 'text')
        .addColumn('latest', 'text')
        .execute();
      await db.schema.createIndex('eol_cycles_product').on('eol_cycles').columns(['product']).execute();
      await withId(db.schema.createTable('feed_imports'), engine)
        .addColumn('feed', 'text', (c) => c.notNull())
        .addColumn('ecosystem', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text')
        .addColumn('records', 'integer', (c) => c.notNull())
        .addColumn('problems', 'integer', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('imported_ts', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .execute();
    },
  };
}
