// PostgreSQL: connect (creating the URL's schema when missing), bulk insert in batches, and the
// engine's lock and read-only query.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CtoError } from '../../../errors.ts';
import { insertBatched } from '../../bulk-insert.ts';
import { queryLimits, type Store, type StoreMode } from '../../interface.ts';
import type { Database } from '../../schema.ts';
import { tryPostgresLock } from './lock.ts';
import { postgresReadOnlyQuery } from './query.ts';

// bigint columns (epoch seconds, sizes) fit in a double; return them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** `?schema=name` in the URL selects a schema (created when missing), so teams or tests can share a database. */
export function parsePostgresUrl(url: string): {
  connectionString: string;
  schema: string | null;
  location: string;
} {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/i.test(schema)) {
    throw new CtoError('DB_OPEN', `invalid schema name "${schema}": use letters, digits and underscores`);
  }
  const safe = new URL(u.toString());
  safe.password = '';
  return { connectionString: u.toString(), schema, location: safe.toString() };
}

export async function openPostgres(url: string, mode: StoreMode): Promise<Store> {
  const { connectionString, schema, location } = parsePostgresUrl(url);
  const options = schema ? `-c search_path=${schema}` : undefined;
  const pool = new pg.Pool({ connectionString, options, max: 4 });
  try {
    const client = await pool.connect();
    try {
      // Created when missing; asking first lets a user without CREATE on the database use a schema
      // made for it. Two `cto` creating it at once: the loser's "if not exists" still fails (23505).
      const exists = schema
        ? await client.query('select 1 from pg_namespace where nspname = $1', [schema])
        : null;
      if (schema && mode === 'write' && exists?.rowCount === 0)
        await client.query(`create schema if not exists ${schema}`).catch((e: { code?: string }) => {
          if (e.code !== '23505') throw e;
        });
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    throw new CtoError('DB_OPEN', `cannot connect to ${location}: ${(e as Error).message}`, { cause: e });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    location,
    schema,
    async insertMany(table, rows) {
      if (rows.length === 0) return;
      await db.transaction().execute((trx) => insertBatched(trx, table, rows));
    },
    tryLock: (key) =>
      tryPostgresLock(
        db,
        async () => {
          const client = new pg.Client({ connectionString, options });
          await client.connect();
          return client;
        },
        schema,
        key,
      ),
    readOnlyQuery(text, limits) {
      return postgresReadOnlyQuery({ connectionString, options, pool }, text, queryLimits(limits));
    },
    async close() {
      await db.destroy();
    },
  };
}
