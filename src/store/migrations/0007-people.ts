// 0007: people and knowledge per snapshot: contributors (resolved identities), their monthly
// activity, files considered for the truck factor with their authors, and CODEOWNERS rules.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

type Builder = ReturnType<Kysely<unknown>['schema']['createTable']>;

const TABLES: Record<string, (t: Builder) => Builder> = {
  people: (t) =>
    t
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('names', 'text', (c) => c.notNull())
      .addColumn('emails', 'text', (c) => c.notNull())
      .addColumn('bot', 'integer', (c) => c.notNull())
      .addColumn('commits', 'integer', (c) => c.notNull())
      .addColumn('lines_added', 'integer', (c) => c.notNull())
      .addColumn('lines_deleted', 'integer', (c) => c.notNull())
      .addColumn('first_commit_at', 'text', (c) => c.notNull())
      .addColumn('first_commit_ts', 'bigint', (c) => c.notNull())
      .addColumn('last_commit_at', 'text', (c) => c.notNull())
      .addColumn('last_commit_ts', 'bigint', (c) => c.notNull())
      .addColumn('commits_90d', 'integer', (c) => c.notNull())
      .addColumn('commits_365d', 'integer', (c) => c.notNull()),
  person_months: (t) =>
    t
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('commits', 'integer', (c) => c.notNull())
      .addColumn('lines_added', 'integer', (c) => c.notNull())
      .addColumn('lines_deleted', 'integer', (c) => c.notNull()),
  knowledge_files: (t) =>
    t
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('folder', 'text', (c) => c.notNull())
      .addColumn('commits', 'integer', (c) => c.notNull())
      .addColumn('commits_365d', 'integer', (c) => c.notNull())
      .addColumn('lines', 'integer')
      .addColumn('authors', 'integer', (c) => c.notNull()),
  file_authors: (t) =>
    t
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('doa', 'double precision', (c) => c.notNull()),
  code_owners: (t) =>
    t
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('pattern', 'text', (c) => c.notNull())
      .addColumn('owners', 'text', (c) => c.notNull()),
};

export const people: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [name, columns] of Object.entries(TABLES)) {
      await columns(
        db.schema.createTable(name).addColumn('snapshot_id', 'integer', (c) => c.notNull()),
      ).execute();
      await db.schema.createIndex(`${name}_snapshot`).on(name).columns(['snapshot_id']).execute();
      await currentView(db, name);
    }
  },
};
