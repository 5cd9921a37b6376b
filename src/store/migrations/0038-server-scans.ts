// 0038: scans started from `cto serve` (docs/server.md#scans): who or which schedule started each, what
// it covers, and one row per repository with its outcome, for progress over the API.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { type Engine, withId } from './engine.ts';

export function serverScans(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('server_scans'), engine)
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('error', 'text')
        .execute();
      await withId(db.schema.createTable('server_scan_items'), engine)
        .addColumn('scan_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('job_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema
        .createIndex('server_scan_items_scan')
        .on('server_scan_items')
        .columns(['scan_id'])
        .execute();
    },
  };
}
