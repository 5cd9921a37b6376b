// 0036: browser sessions of `cto serve` (docs/server.md#sessions), only a hash of the cookie stored,
// and the failed-login counters that throttle password guessing per account and per address.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { type Engine, withId } from './engine.ts';

export function sessions(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('sessions'), engine)
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('login_failures')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addColumn('blocked_until', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
