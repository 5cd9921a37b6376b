// 0040: server settings changed at run time (docs/server.md#settings): one row per setting that differs
// from its default, the value as JSON, and who changed it when (the audit trail keeps every change).
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function settings(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
