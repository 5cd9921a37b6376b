// The files of an SQLite store, as the engines need to know them: whether this process may write
// them, and when a store it cannot write may be read as immutable.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Whether this process may write the SQLite file and create its journal beside it. */
export function canWriteSqlite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The URI that opens the store as immutable, when a read-only connection failed because SQLite
 * cannot create the WAL index (`-shm`) in a folder this process cannot write; null otherwise.
 * Nothing can be changing a store there, unless a `-wal` file holds writes not yet in the file.
 */
export function immutableFallback(path: string, failedBecauseReadOnly: boolean): string | null {
  if (!failedBecauseReadOnly || canWriteSqlite(path)) return null;
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return null;
  return `${pathToFileURL(path).href}?immutable=1`;
}
