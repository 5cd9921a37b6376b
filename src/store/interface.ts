// The interface every engine implements (Kysely's dialect folders are the model): SQLite in
// engines/sqlite/, PostgreSQL in engines/postgres/.
import type { Kysely } from 'kysely';
import { CtoError } from '../errors.ts';
import type { TableName, TableRow } from './bulk-insert.ts';
import type { QueryLimits, QueryResult } from './engines/postgres/query.ts';
import type { LockAttempt } from './locks.ts';
import type { Engine } from './migrations/index.ts';
import type { Database } from './schema.ts';

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

export function noStore(location: string): CtoError {
  return new CtoError('NO_STORE', `no store here (${location}): run cto scan first`);
}

/** The limits of one `cto sql` statement, defaults filled in. */
export function queryLimits(limits: Partial<QueryLimits> | undefined): QueryLimits {
  return { timeoutMs: limits?.timeoutMs ?? DEFAULT_SQL_TIMEOUT_MS, signal: limits?.signal };
}
