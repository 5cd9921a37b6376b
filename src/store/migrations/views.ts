import { type Kysely, sql } from 'kysely';

/** `current_<table>`: the rows of each repository's current snapshot, with the repository's name. */
export async function currentView(db: Kysely<unknown>, table: string): Promise<void> {
  await sql
    .raw(
      `create view current_${table} as select r.name as repository, x.* from repositories r join ${table} x on x.snapshot_id = r.current_snapshot_id`,
    )
    .execute(db);
}
