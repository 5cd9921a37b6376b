// `cto sql` on PostgreSQL: one query on a connection of its own, in a read-only transaction with a
// statement timeout, as the store's reader role, inside the reader's SECURITY DEFINER function
// (reader.ts). When the reader is missing or has been changed, nothing runs.
import pg from 'pg';
import { CtoError, isCtoError } from '../../../errors.ts';
import { cancelledError, oneStatementOnly, timeoutError } from '../query-errors.ts';
import { queryStatement } from '../sql-text.ts';
import {
  type ReaderState,
  readerProblem,
  readerRoleName,
  SQL_QUERY_FUNCTION_BODY,
  VERIFY_READER_SQL,
} from './reader.ts';

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

export interface QueryLimits {
  timeoutMs: number;
  /** Aborting it cancels the query on the server. */
  signal?: AbortSignal;
}

interface PostgresConnection {
  connectionString: string;
  options: string | undefined;
  /** Where other statements run: used to cancel the query from a second connection. */
  pool: pg.Pool;
}

/** How long after the server's own statement timeout the client cancels the query itself. */
const CLIENT_GRACE_MS = 2000;

export async function postgresReadOnlyQuery(
  conn: PostgresConnection,
  text: string,
  limits: QueryLimits,
): Promise<QueryResult> {
  const query = queryStatement(text);
  if (limits.signal?.aborted) throw cancelledError();
  const client = new pg.Client({
    connectionString: conn.connectionString,
    options: conn.options,
    application_name: 'cto sql',
  });
  let stoppedBy: 'timeout' | 'abort' | null = null;
  let pid: number | null = null;
  const stop = (why: 'timeout' | 'abort') => {
    stoppedBy ??= why;
    if (pid !== null) conn.pool.query('select pg_cancel_backend($1)', [pid]).catch(() => {});
  };
  const onAbort = () => stop('abort');
  let timer: NodeJS.Timeout | undefined;
  try {
    await client.connect();
    pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? null;
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    if (limits.signal?.aborted) throw cancelledError();
    const { schema } = await enterReader(client, limits.timeoutMs);
    timer = setTimeout(() => stop('timeout'), limits.timeoutMs + CLIENT_GRACE_MS);
    const r = await client.query({
      text: `select names, vals from ${pg.escapeIdentifier(schema)}.cto_sql_query($1)`,
      values: [query],
      rowMode: 'array',
    });
    return decodeRows(r.rows as Array<[string[] | null, string | null]>);
  } catch (e) {
    throw queryError(e, stoppedBy, limits.timeoutMs);
  } finally {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onAbort);
    // Ending the session rolls the transaction back and drops anything the query left behind.
    await client.end().catch(() => {});
  }
}

/** Open the read-only transaction with its limits and switch to the reader role, or refuse. */
async function enterReader(client: pg.Client, timeoutMs: number): Promise<{ schema: string }> {
  await client.query('begin transaction read only');
  await client.query(`set local statement_timeout = ${Math.ceil(timeoutMs)}`);
  const info = await client.query<{ version: number; database: string; schema: string | null }>(
    "select current_setting('server_version_num')::int as version, current_database() as database, current_schema() as schema",
  );
  const { version, database, schema } = info.rows[0] as { version: number; database: string; schema: string };
  // A client that goes away (killed, Ctrl-C) ends its query within a second (PostgreSQL 14 and later).
  if (version >= 140000) await client.query('set local client_connection_check_interval = 1000');
  if (!schema) throw guardError('the search path names no existing schema');
  const role = readerRoleName(database, schema);
  const state = await client.query<ReaderState>(VERIFY_READER_SQL, [role, SQL_QUERY_FUNCTION_BODY]);
  const problem = readerProblem(role, state.rows[0]);
  if (problem) throw guardError(problem);
  try {
    await client.query(`set local role ${pg.escapeIdentifier(role)}`);
  } catch (e) {
    throw guardError(`the connecting user cannot switch to the role ${role} (${(e as Error).message})`);
  }
  return { schema };
}

function guardError(problem: string): CtoError {
  return new CtoError(
    'SQL_GUARD_UNAVAILABLE',
    `${problem}, so cto sql will not run: it only runs SQL as the store's read-only role. ` +
      'Run cto scan once as a superuser (or a user with CREATEROLE) to set the role up (docs/store.md)',
  );
}

function queryError(e: unknown, stoppedBy: 'timeout' | 'abort' | null, timeoutMs: number): CtoError {
  if (isCtoError(e)) return e;
  const { code, message } = e as { code?: string; message?: string };
  const msg = message ?? String(e);
  if (stoppedBy === 'abort') return cancelledError();
  if (code === '57014' || stoppedBy === 'timeout') return timeoutError(timeoutMs);
  if (
    code === '25006' ||
    (code === '0A000' && /data-modifying/.test(msg)) ||
    /SELECT \.\.\. INTO/i.test(msg)
  ) {
    return new CtoError('DB_READ_ONLY', `refused: ${msg}; cto sql only reads`);
  }
  if (code === '42501') {
    return new CtoError(
      'SQL_NOT_ALLOWED',
      `refused: ${msg}; cto sql reads the store's tables and views and nothing else`,
    );
  }
  if (code === '42601' && /at or near ";"/.test(msg)) return oneStatementOnly();
  return new CtoError('DB_QUERY', msg);
}

/** Rows from `cto_sql_query`: the names on the first row; values as JSON objects in column order. */
function decodeRows(rows: Array<[string[] | null, string | null]>): QueryResult {
  const columns = rows[0]?.[0] ?? [];
  const out: unknown[][] = [];
  for (const [, vals] of rows) {
    if (vals !== null) out.push(Object.values(JSON.parse(vals, keepBigIntegers) as Record<string, unknown>));
  }
  return { columns, rows: out };
}

/** Integers too large for a JavaScript number keep their exact digits, as a string. */
function keepBigIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (
    typeof value === 'number' &&
    !Number.isSafeInteger(value) &&
    context?.source &&
    /^-?\d+$/.test(context.source)
  )
    return context.source;
  return value;
}
