// The store behind one interface: SQLite (embedded default) or PostgreSQL (shared), the same
// Kysely schema and queries on both. Only bulk inserts and read-only SQL differ per engine.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { CtoError } from '../errors.ts';
import { insertBatched, type TableName, type TableRow } from './bulk-insert.ts';
import { postgresReadOnlyQuery, type QueryLimits, type QueryResult } from './engines/postgres/query.ts';
import { damagedStoreError, isDamage } from './engines/sqlite/damage.ts';
import { canWriteSqlite, immutableFallback } from './engines/sqlite/files.ts';
import { replyError, sqliteReadOnlyQuery } from './engines/sqlite/query.ts';
import { type LockAttempt, tryPostgresLock, trySqliteLock } from './locks.ts';
import { migrate, migrationStatus } from './migrate.ts';
import type { Engine } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { checkStoreTarget, isPostgresUrl } from './target.ts';

export type { TableName, TableRow } from './bulk-insert.ts';
export type { QueryLimits, QueryResult } from './engines/postgres/query.ts';
export { checkStoreTarget, isPostgresUrl } from './target.ts';

/**
 * `write`: create the store when missing and migrate it (scan, feed import and update).
 * `read`: open an existing store without writing to it (every other command).
 */
export type StoreMode = 'read' | 'write';

/** How long a `cto sql` statement may run unless told otherwise. */
export const DEFAULT_SQL_TIMEOUT_MS = 60_000;

export interface Store {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  /** Where the store lives, for messages (a file path, or the URL without credentials). */
  readonly location: string;
  /** PostgreSQL schema holding the tables; null for SQLite or the default schema. */
  readonly schema: string | null;
  /**
   * Insert any number of rows fast, in one transaction per call, split into as many statements as
   * the engine needs. Rows are typed from the schema by table name; all have the columns of the first.
   */
  insertMany<T extends TableName>(table: T, rows: readonly TableRow<T>[]): Promise<void>;
  /**
   * Take the scan lock of one repository (its key) without waiting: the lock, or who holds it. A lock
   * whose holder is gone (killed process, ended PostgreSQL session) is taken over.
   */
  tryLock(key: string): Promise<LockAttempt>;
  /**
   * Run one SQL statement that only reads, as `cto sql` does: under a read-only role (PostgreSQL)
   * or authorizer (SQLite), stopped after `timeoutMs` (default 60 s) or when `signal` aborts.
   */
  readOnlyQuery(text: string, limits?: Partial<QueryLimits>): Promise<QueryResult>;
  close(): Promise<void>;
}

/** Open the store: a `postgres://` URL, or the path of an SQLite file. */
export async function openStore(target: string, options: { mode?: StoreMode } = {}): Promise<Store> {
  checkStoreTarget(target);
  const mode = options.mode ?? 'write';
  const store = isPostgresUrl(target) ? await openPostgres(target, mode) : openSqlite(target, mode);
  try {
    if (mode === 'write') await migrate(store);
    else if (await needsMigrating(store, target)) {
      // Migrate through a writing connection, then read as asked.
      await store.close();
      await (await openStore(target, { mode: 'write' })).close();
      return await openStore(target, { mode: 'read' });
    }
  } catch (e) {
    await store.close();
    throw storeOpenError(store, e);
  }
  return store;
}

/** Whether a store opened for reading must be migrated first; refuses when it cannot be. */
async function needsMigrating(store: Store, target: string): Promise<boolean> {
  const status = await migrationStatus(store);
  if (!status.initialised) throw noStore(store.location);
  if (status.unknown.length > 0) {
    throw new CtoError(
      'STORE_TOO_NEW',
      `the store ${store.location} was written by a newer cto (it has migration ${status.unknown[0]}): update cto`,
    );
  }
  if (status.pending.length === 0) return false;
  if (store.engine === 'sqlite' && !canWriteSqlite(target)) {
    throw new CtoError(
      'STORE_NEEDS_MIGRATION',
      `the store ${store.location} was written by an older cto and must be migrated (${status.pending.join(', ')}), ` +
        'but it is read-only here: run cto scan once where it can be written',
    );
  }
  return true;
}

function noStore(location: string): CtoError {
  return new CtoError('NO_STORE', `no store here (${location}): run cto scan first`);
}

function storeOpenError(store: Store, e: unknown): CtoError {
  if (e instanceof CtoError) return e;
  if (store.engine === 'sqlite' && isDamage(e)) return damagedStoreError(store.location, e);
  return new CtoError('DB_OPEN', `cannot prepare the store at ${store.location}: ${(e as Error).message}`, {
    cause: e,
  });
}

/** Errors of a command reading the store: a damaged SQLite file says so, and how to recover. */
export function explainStoreError(store: Store, e: unknown): unknown {
  return store.engine === 'sqlite' && isDamage(e) ? damagedStoreError(store.location, e) : e;
}

// better-sqlite3 reads `file:` URIs only when SQLITE_USE_URI=1 is set before it opens its first
// database; openSqliteReader needs one for a store in a folder it cannot write.
process.env.SQLITE_USE_URI ??= '1';

/** A read-only connection; immutable in a folder this process cannot write (engines/sqlite/files.ts). */
function openSqliteReader(path: string): SqliteDatabase.Database {
  try {
    const raw = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
    raw.prepare('select count(*) from sqlite_master').get();
    return raw;
  } catch (e) {
    const uri = immutableFallback(
      path,
      /^SQLITE_(READONLY|CANTOPEN)/.test((e as { code?: string }).code ?? ''),
    );
    if (!uri) throw e;
    return new SqliteDatabase(uri, { readonly: true, fileMustExist: true });
  }
}

function openSqliteFile(path: string, mode: StoreMode): SqliteDatabase.Database {
  if (mode === 'read') {
    if (!existsSync(path)) throw noStore(path);
    const raw = openSqliteReader(path);
    raw.pragma('busy_timeout = 10000');
    return raw;
  }
  mkdirSync(dirname(path), { recursive: true });
  const raw = new SqliteDatabase(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 10000');
  return raw;
}

function openSqlite(path: string, mode: StoreMode): Store {
  let raw: SqliteDatabase.Database;
  try {
    raw = openSqliteFile(path, mode);
  } catch (e) {
    if (e instanceof CtoError) throw e;
    if (isDamage(e)) throw damagedStoreError(path, e);
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
    readOnlyQuery(text, limits) {
      return sqliteReadOnlyQuery(path, text, queryLimits(limits), async (reply) =>
        isDamage(reply) ? damagedStoreError(path, new Error(reply.message)) : replyError(reply),
      );
    },
    async close() {
      await db.destroy();
    },
  };
}

function queryLimits(limits: Partial<QueryLimits> | undefined): QueryLimits {
  return { timeoutMs: limits?.timeoutMs ?? DEFAULT_SQL_TIMEOUT_MS, signal: limits?.signal };
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

async function openPostgres(url: string, mode: StoreMode): Promise<Store> {
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

/** Current time as stored: ISO 8601 in UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}

export { sql };
