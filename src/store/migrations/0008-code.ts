// 0008: code facts per file (language, lines, indentation complexity), hotspots and change coupling.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

export const code: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('code_files')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('blob_id', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('detectable', 'integer', (c) => c.notNull())
      .addColumn('measured', 'integer', (c) => c.notNull())
      .addColumn('code', 'integer', (c) => c.notNull())
      .addColumn('comment', 'integer', (c) => c.notNull())
      .addColumn('blank', 'integer', (c) => c.notNull())
      .addColumn('complexity', 'integer')
      .addColumn('max_indent', 'integer')
      .execute();
    await db.schema
      .createIndex('code_files_snapshot')
      .on('code_files')
      .columns(['snapshot_id', 'path'])
      .execute();
    await db.schema
      .createTable('hotspots')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('commits', 'integer', (c) => c.notNull())
      .addColumn('authors', 'integer', (c) => c.notNull())
      .addColumn('lines_added', 'integer', (c) => c.notNull())
      .addColumn('lines_deleted', 'integer', (c) => c.notNull())
      .addColumn('first_change_at', 'text')
      .addColumn('first_change_ts', 'bigint')
      .addColumn('last_change_at', 'text')
      .addColumn('last_change_ts', 'bigint')
      .addColumn('code', 'integer', (c) => c.notNull())
      .addColumn('complexity', 'integer')
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('recent_commits', 'integer', (c) => c.notNull())
      .addColumn('baseline_commits', 'double precision', (c) => c.notNull())
      .addColumn('trend', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('hotspots_snapshot')
      .on('hotspots')
      .columns(['snapshot_id', 'score'])
      .execute();
    await db.schema
      .createTable('coupling')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('path_a', 'text', (c) => c.notNull())
      .addColumn('path_b', 'text', (c) => c.notNull())
      .addColumn('shared', 'integer', (c) => c.notNull())
      .addColumn('commits_a', 'integer', (c) => c.notNull())
      .addColumn('commits_b', 'integer', (c) => c.notNull())
      .addColumn('degree', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('coupling_snapshot').on('coupling').column('snapshot_id').execute();
    for (const t of ['code_files', 'hotspots', 'coupling']) await currentView(db, t);
  },
};
