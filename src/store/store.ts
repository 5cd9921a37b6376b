// The store behind one interface (interface.ts): SQLite (embedded default) or PostgreSQL (shared),
// the same Kysely schema and queries on both; each engine in its folder under engines/.
import { sql } from 'kysely';
import { CtoError } from '../errors.ts';
import { openPostgres } from './engines/postgres/open.ts';
import { damagedStoreError, isDamage } from './engines/sqlite/damage.ts';
import { canWriteSqlite } from './engines/sqlite/files.ts';
import { openSqlite } from './engines/sqlite/open.ts';
import { noStore, type Store, type StoreMode } from './interface.ts';
import { migrate, migrationStatus, tooNew } from './migrate.ts';
import { checkStoreTarget, isPostgresUrl } from './target.ts';

export type { TableRow } from './bulk-insert.ts';
export { parsePostgresUrl } from './engines/postgres/open.ts';
export type { QueryLimits } from './engines/postgres/query.ts';
export { DEFAULT_SQL_TIMEOUT_MS, type Store, type StoreMode } from './interface.ts';

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
  if (status.unknown.length > 0) throw tooNew(store, status.unknown);
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

/** Current time as stored: ISO 8601 in UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}

export { sql };
