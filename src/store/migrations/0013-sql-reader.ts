// 0013: on PostgreSQL, the role `cto sql` runs user SQL as (SELECT on this store's tables and views,
// tables of later migrations included) and the function that runs it. Nothing on SQLite, where a
// read-only connection with an authorizer does the same job.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { ensureSqlReader } from '../engines/postgres/reader.ts';
import type { Engine } from './engine.ts';

export function sqlReader(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (engine === 'postgres') await ensureSqlReader(db);
    },
  };
}
