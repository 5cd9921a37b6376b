// 0017: the risk register. `risks` holds one row per problem key with its first and last sighting,
// closing date, status and SLA due date; `risk_events` the history of each key (opened, closed,
// reopened, decisions, expiries) with the snapshot and commit that caused it. Neither belongs to a
// snapshot: they outlive the snapshots (docs/risk.md#risk-register).
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { type Engine, withId } from './engine.ts';

export function riskRegister(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('risks')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('repository', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('exposure', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('direct', 'integer')
        .addColumn('aliases', 'text', (c) => c.notNull())
        .addColumn('versions', 'text', (c) => c.notNull())
        .addColumn('since', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sla_due', 'text')
        .addColumn('decision', 'text')
        .execute();
      await db.schema.createIndex('risks_repository').on('risks').columns(['repository', 'status']).execute();
      await withId(db.schema.createTable('risk_events'), engine)
        .addColumn('risk_key', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('snapshot_id', 'integer')
        .addColumn('commit_sha', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('risk_events_key').on('risk_events').column('risk_key').execute();
      await db.schema.createIndex('risk_events_snapshot').on('risk_events').column('snapshot_id').execute();
    },
  };
}
