import { type Kysely, sql } from 'kysely';
import type { Engine } from './engine.ts';

/** `current_<table>`: the rows of each repository's current snapshot, with the repository's name. */
export async function currentView(db: Kysely<unknown>, table: string): Promise<void> {
  await sql.raw(`create view current_${table} as ${viewBody(table)}`).execute(db);
}

function viewBody(table: string): string {
  return `select r.name as repository, x.* from repositories r join ${table} x on x.snapshot_id = r.current_snapshot_id`;
}

/** `current_<table>` again, after columns were added to the table (PostgreSQL fixes `*` at creation). */
export async function replaceCurrentView(db: Kysely<unknown>, table: string, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql.raw(`create or replace view current_${table} as ${viewBody(table)}`).execute(db);
    return;
  }
  await sql.raw(`drop view current_${table}`).execute(db);
  await currentView(db, table);
}
