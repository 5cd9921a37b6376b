// 0037: delivery events (docs/metrics/delivery.md#events): deployments and incidents recorded by
// `cto event` or the signed webhooks of `cto serve`, and the webhook message ids seen (replay protection).
// Not per snapshot: events outlive scans.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { type Engine, withId } from './engine.ts';

export function deliveryEvents(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('deployments'), engine)
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .addColumn('repository', 'text', (c) => c.notNull())
        .addColumn('commit_sha', 'text', (c) => c.notNull())
        .addColumn('environment', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .addColumn('finished_ts', 'bigint', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('deployments_repository')
        .on('deployments')
        .columns(['repository', 'finished_ts'])
        .execute();
      await withId(db.schema.createTable('incidents'), engine)
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .addColumn('repository', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('started_ts', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_ts', 'bigint')
        .addColumn('deployment_event_id', 'text')
        .addColumn('commit_sha', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_repository').on('incidents').column('repository').execute();
      await db.schema
        .createTable('webhook_messages')
        .addColumn('webhook_id', 'text', (c) => c.primaryKey())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('received_ts', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
