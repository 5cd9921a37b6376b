// 0009: delivery per snapshot: releases (version tags with their lead times and outcomes) and
// activity per week and month.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

export const delivery: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('delivery_releases')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('prerelease', 'integer', (c) => c.notNull())
      .addColumn('commit_sha', 'text', (c) => c.notNull())
      .addColumn('commit_date', 'text', (c) => c.notNull())
      .addColumn('tag_date', 'text')
      .addColumn('released_at', 'text', (c) => c.notNull())
      .addColumn('released_ts', 'bigint', (c) => c.notNull())
      .addColumn('changes', 'integer')
      .addColumn('lead_median_days', 'double precision')
      .addColumn('lead_p90_days', 'double precision')
      .addColumn('failed', 'integer')
      .addColumn('rework', 'integer')
      .addColumn('reasons', 'text')
      .execute();
    await db.schema
      .createIndex('delivery_releases_snapshot')
      .on('delivery_releases')
      .column('snapshot_id')
      .execute();
    await db.schema
      .createTable('delivery_activity')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('period_kind', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('commits', 'integer', (c) => c.notNull())
      .addColumn('contributors', 'integer', (c) => c.notNull())
      .addColumn('lines_added', 'integer', (c) => c.notNull())
      .addColumn('lines_deleted', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('delivery_activity_snapshot')
      .on('delivery_activity')
      .column('snapshot_id')
      .execute();
    await currentView(db, 'delivery_releases');
    await currentView(db, 'delivery_activity');
  },
};
