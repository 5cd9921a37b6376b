// 0001: repositories, snapshots, history (commits, file changes), tree, tags, diagnostics.
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { type Engine, withId } from './engine.ts';

export function initial(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('repositories'), engine)
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('current_snapshot_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('snapshots'), engine)
        .addColumn('repository_id', 'integer', (c) => c.notNull().references('repositories.id'))
        .addColumn('commit_sha', 'text', (c) => c.notNull())
        .addColumn('ref', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('history_mode', 'text', (c) => c.notNull())
        .addColumn('base_snapshot_id', 'integer')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('tool_version', 'text', (c) => c.notNull())
        .addColumn('shallow', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('commits_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('authors_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('files_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('diagnostics_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_commit_at', 'text')
        .addColumn('last_commit_at', 'text')
        .addColumn('error', 'text')
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('snapshots_repository')
        .on('snapshots')
        .columns(['repository_id', 'status'])
        .execute();
      await db.schema
        .createTable('snapshot_segments')
        .addColumn('snapshot_id', 'integer', (c) => c.notNull())
        .addColumn('segment_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('snapshot_segments_pk', ['snapshot_id', 'segment_id'])
        .execute();
      await db.schema
        .createTable('commits')
        .addColumn('snapshot_id', 'integer', (c) => c.notNull())
        .addColumn('sha', 'text', (c) => c.notNull())
        .addColumn('parents', 'text', (c) => c.notNull())
        .addColumn('parent_count', 'integer', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text', (c) => c.notNull())
        .addColumn('author_date', 'text', (c) => c.notNull())
        .addColumn('author_ts', 'bigint', (c) => c.notNull())
        .addColumn('committer_name', 'text', (c) => c.notNull())
        .addColumn('committer_email', 'text', (c) => c.notNull())
        .addColumn('committer_date', 'text', (c) => c.notNull())
        .addColumn('committer_ts', 'bigint', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('files_changed', 'integer', (c) => c.notNull())
        .addColumn('lines_added', 'integer', (c) => c.notNull())
        .addColumn('lines_deleted', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('commits_pk', ['snapshot_id', 'sha'])
        .execute();
      await db.schema
        .createTable('file_changes')
        .addColumn('snapshot_id', 'integer', (c) => c.notNull())
        .addColumn('commit_sha', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('old_path', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('added', 'integer')
        .addColumn('deleted', 'integer')
        .addColumn('is_binary', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('file_changes_commit')
        .on('file_changes')
        .columns(['snapshot_id', 'commit_sha'])
        .execute();
      await db.schema
        .createTable('files')
        .addColumn('snapshot_id', 'integer', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('blob_id', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint')
        .addColumn('is_binary', 'integer')
        .addColumn('lines', 'integer')
        .addPrimaryKeyConstraint('files_pk', ['snapshot_id', 'path'])
        .execute();
      await db.schema
        .createTable('tags')
        .addColumn('snapshot_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('commit_sha', 'text', (c) => c.notNull())
        .addColumn('tag_sha', 'text')
        .addColumn('annotated', 'integer', (c) => c.notNull())
        .addColumn('tagger_name', 'text')
        .addColumn('tagger_email', 'text')
        .addColumn('tagger_date', 'text')
        .addColumn('tagger_ts', 'bigint')
        .addColumn('subject', 'text')
        .addPrimaryKeyConstraint('tags_pk', ['snapshot_id', 'name'])
        .execute();
      await db.schema
        .createTable('diagnostics')
        .addColumn('snapshot_id', 'integer', (c) => c.notNull())
        .addColumn('path', 'text')
        .addColumn('collector', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('diagnostics_snapshot').on('diagnostics').column('snapshot_id').execute();
      await createViews(db);
    },
  };
}

/** Views over each repository's current snapshot, for `cto sql` and reports. */
async function createViews(db: Kysely<unknown>): Promise<void> {
  const views: Record<string, string> = {
    current_snapshots: `select r.name as repository, s.* from repositories r join snapshots s on s.id = r.current_snapshot_id`,
    current_commits: `select r.name as repository, c.* from repositories r
      join snapshot_segments g on g.snapshot_id = r.current_snapshot_id
      join commits c on c.snapshot_id = g.segment_id`,
    current_file_changes: `select r.name as repository, f.* from repositories r
      join snapshot_segments g on g.snapshot_id = r.current_snapshot_id
      join file_changes f on f.snapshot_id = g.segment_id`,
    current_files: `select r.name as repository, f.* from repositories r join files f on f.snapshot_id = r.current_snapshot_id`,
    current_tags: `select r.name as repository, t.* from repositories r join tags t on t.snapshot_id = r.current_snapshot_id`,
  };
  for (const [name, body] of Object.entries(views)) {
    await sql.raw(`create view ${name} as ${body}`).execute(db);
  }
}
