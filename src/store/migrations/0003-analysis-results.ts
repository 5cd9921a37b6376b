// 0003: what analyses derive: metrics (named numbers with evidence) and findings (things to act on).
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

export const analysisResults: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('metrics')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('analysis', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision')
      .addColumn('unit', 'text')
      .addColumn('evidence', 'text')
      .execute();
    await db.schema
      .createIndex('metrics_snapshot')
      .on('metrics')
      .columns(['snapshot_id', 'analysis', 'metric'])
      .execute();
    await db.schema
      .createTable('findings')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('analysis', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .addColumn('owner', 'text')
      .addColumn('evidence', 'text')
      .execute();
    await db.schema
      .createIndex('findings_snapshot')
      .on('findings')
      .columns(['snapshot_id', 'analysis'])
      .execute();
    await currentView(db, 'metrics');
    await currentView(db, 'findings');
  },
};
