// The one bulk insert: rows typed from the schema by table name, split into statements small enough
// for every engine (PostgreSQL binds at most 65,535 parameters, SQLite 32,766).
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** A table of the store, by name. */
export type TableName = keyof Database & string;

/** A row to insert into `T`, as the schema types it (generated columns optional). */
export type TableRow<T extends TableName> = Insertable<Database[T]>;

/** Parameters bound by one statement: under both engines' limits. */
const PARAMETERS_PER_STATEMENT = 30_000;

/**
 * Insert rows through any Kysely executor (a transaction too), as many statements as the parameter
 * limit needs. Every row has the columns of the first; a column a row lacks is stored as null.
 */
export async function insertBatched<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  rows: readonly TableRow<T>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
  const names = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += perStatement) {
    const tuples = rows.slice(i, i + perStatement).map((row) => {
      const values = new Map<string, unknown>(Object.entries(row));
      return sql`(${sql.join(columns.map((c) => values.get(c) ?? null))})`;
    });
    await sql`insert into ${sql.table(table)} (${names}) values ${sql.join(tuples)}`.execute(db);
  }
}
