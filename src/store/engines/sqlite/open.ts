// SQLite: open a store file (writing, or reading a file this process may not write), bulk insert
// through prepared statements, and the engine's lock and read-only query.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CtoError } from '../../../errors.ts';
import { noStore, queryLimits, type Store, type StoreMode } from '../../interface.ts';
import type { Database } from '../../schema.ts';
import { bulkInserter } from './bulk.ts';
import { damagedStoreError, isDamage } from './damage.ts';
import { immutableFallback } from './files.ts';
import { trySqliteLock } from './lock.ts';
import { replyError, sqliteReadOnlyQuery } from './query.ts';

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

export function openSqlite(path: string, mode: StoreMode): Store {
  let raw: SqliteDatabase.Database;
  try {
    raw = openSqliteFile(path, mode);
  } catch (e) {
    if (e instanceof CtoError) throw e;
    if (isDamage(e)) throw damagedStoreError(path, e);
    throw new CtoError('DB_OPEN', `cannot open the store ${path}: ${(e as Error).message}`, { cause: e });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const insert = bulkInserter(raw);
  return {
    engine: 'sqlite',
    db,
    location: path,
    schema: null,
    async insertMany(table, rows) {
      // Through Kysely's connection so that it never interleaves with a Kysely transaction.
      await db.connection().execute(async () => insert(table, rows));
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
