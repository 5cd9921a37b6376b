// Where the store is: a PostgreSQL URL, or the path of an SQLite file. Any other URL is refused
// rather than taken for a file name (`mysql://h/db` would otherwise make a folder `mysql:`).
import { CtoError } from '../errors.ts';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export function checkStoreTarget(target: string): void {
  const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(target)?.[1];
  if (!scheme || isPostgresUrl(target)) return;
  const path = target.slice(scheme.length + 3);
  const hint = /^(sqlite3?|file)$/i.test(scheme) && path ? ` (here: ${path})` : '';
  throw new CtoError(
    'DB_URL',
    `cto cannot use a "${scheme}:" store: give a postgres:// URL, or the path of an SQLite file${hint}`,
  );
}
