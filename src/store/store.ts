// The store behind one interface: SQLite (embedded default) or PostgreSQL (shared), the same
// Kysely schema and queries on both. Only bulk inserts and read-only SQL differ per engine.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { CtoError } from '../errors.ts';
import { type LockAttempt, tryPostgresLock, trySqliteLock } from './locks.ts';
import { type Engine, migrationProvider } from './migrations/index.ts';
import type { BulkTable, Database } from './schema.ts';

export type Row = Record<string, string | number | null>;

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

export interface Store {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  /** Where the store lives, for messages (a file path, or the URL without credentials). */
  readonly location: string;
  /** PostgreSQL schema holding the tables; null for SQLite or the default schema. */
  readonly schema: string | null;
  /** Insert many rows fast, in one transaction per call. All rows have the same columns. */
  insertMany(table: BulkTable, rows: Row[]): Promise<void>;
  /**
   * Take the scan lock of one repository (its key) without waiting: the lock, or who holds it. A lock
   * whose holder is gone (killed process, ended PostgreSQL session) is taken over.
   */
  tryLock(key: string): Promise<LockAttempt>;
  /** Run one SQL statement that only reads; anything else is refused. */
  readOnlyQuery(text: string): Promise<QueryResult>;
  close(): Promise<void>;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Open (and migrate) the store: a `postgres://` URL, or the path of an SQLite file. */
export async function openStore(target: string): Promise<Store> {
  const store = isPostgresUrl(target) ? await openPostgres(target) : openSqlite(target);
  try {
    await migrate(store);
  } catch (e) {
    await store.close();
    throw new CtoError('DB_OPEN', `cannot prepare the store at ${store.location}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return store;
}

async function migrate(store: Store): Promise<void> {
  // On PostgreSQL the migration tables live in the store's own schema, never found in another one.
  const migrationTableSchema = store.engine === 'postgres' ? (store.schema ?? 'public') : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.engine),
    migrationTableSchema,
  });
  // Migrations run in a transaction, so a failed attempt leaves nothing behind, and are tried again:
  // SQLite has no lock across processes for them (two `cto` opening a new store at once both start;
  // the loser, run again, finds them done), and on PostgreSQL Kysely first looks at every table of
  // the database, which fails when another schema's tables are dropped at that moment.
  for (let attempt = 1; ; attempt++) {
    const { error } = await migrator.migrateToLatest();
    if (!error) return;
    if (attempt >= 3) throw error;
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

function openSqlite(path: string): Store {
  let raw: SqliteDatabase.Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    raw = new SqliteDatabase(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('busy_timeout = 10000');
  } catch (e) {
    throw new CtoError('DB_OPEN', `cannot open the store ${path}: ${(e as Error).message}`, { cause: e });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    engine: 'sqlite',
    db,
    location: path,
    schema: null,
    async insertMany(table, rows) {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      const key = `${table}(${columns.join(',')})`;
      let stmt = statements.get(key);
      if (!stmt) {
        // Named parameters bind straight from the row object: no per-row array.
        stmt = raw.prepare(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
        );
        statements.set(key, stmt);
      }
      const s = stmt;
      // Through Kysely's connection so that it never interleaves with a Kysely transaction.
      await db.connection().execute(async () => {
        raw.transaction(() => {
          for (const row of rows) s.run(row);
        })();
      });
    },
    tryLock: (key) => trySqliteLock(db, key),
    async readOnlyQuery(text) {
      const reader = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
      try {
        const stmt = prepareOrFail(reader, text);
        if (!stmt.reader)
          throw new CtoError(
            'DB_READ_ONLY',
            'only statements that return rows can run here (select, with, pragma reads)',
          );
        const columns = stmt.columns().map((c) => c.name);
        return { columns, rows: stmt.raw(true).all() as unknown[][] };
      } finally {
        reader.close();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

function prepareOrFail(db: SqliteDatabase.Database, text: string): SqliteDatabase.Statement {
  try {
    return db.prepare(text);
  } catch (e) {
    throw new CtoError('DB_QUERY', (e as Error).message);
  }
}

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

async function openPostgres(url: string): Promise<Store> {
  const { connectionString, schema, location } = parsePostgresUrl(url);
  const options = schema ? `-c search_path=${schema}` : undefined;
  const pool = new pg.Pool({ connectionString, options, max: 4 });
  try {
    const client = await pool.connect();
    try {
      // Two `cto` creating the schema at once: the loser's "if not exists" still fails (23505); it exists now.
      if (schema)
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
      const first = rows[0];
      if (!first) return;
      const perChunk = Math.max(1, Math.floor(60_000 / Object.keys(first).length));
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += perChunk) {
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + perChunk) as never)
            .execute();
        }
      });
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
    async readOnlyQuery(text) {
      const client = await pool.connect();
      try {
        await client.query('begin transaction read only');
        // The extended protocol accepts exactly one statement, so `commit; drop ...` cannot slip through.
        const r = await client.query({ text, rowMode: 'array', queryMode: 'extended' } as pg.QueryConfig);
        return { columns: r.fields.map((f) => f.name), rows: r.rows as unknown[][] };
      } catch (e) {
        const msg = (e as Error).message;
        if (/read-only transaction/.test(msg)) throw new CtoError('DB_READ_ONLY', `refused: ${msg}`);
        throw new CtoError('DB_QUERY', msg);
      } finally {
        await client.query('rollback').catch(() => {});
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Current time as stored: ISO 8601 in UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}

export { sql };
