// What differs between the engines in migrations.
import type { Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

type Builder = ReturnType<Kysely<unknown>['schema']['createTable']>;

/** An auto-increment primary key `id`: the one difference between the engines. */
export function withId(table: Builder, engine: Engine): Builder {
  return engine === 'sqlite'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'serial', (c) => c.primaryKey());
}
