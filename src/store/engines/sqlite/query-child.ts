// The process that runs one `cto sql` query on SQLite: a read-only node:sqlite connection whose
// authorizer admits only reading (guard.ts). SQLite offers no interrupt to JavaScript, so
// the parent ends this process to stop a query; a watchdog thread ends it too when the parent
// is gone or the deadline has passed, even while SQLite runs.
import { constants, DatabaseSync, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { oneStatementOnly } from '../query-errors.ts';
import { isEmptyTail } from '../sql-text.ts';
import { immutableFallback } from './files.ts';
import { authorize, type Refusal } from './guard.ts';

export interface QueryRequest {
  path: string;
  text: string;
  /** Epoch milliseconds after which this process ends itself. */
  deadline: number;
  /** The process that asked: when it is gone, so is this one. */
  parentPid: number;
}

export type QueryReply =
  | { ok: true; columns: string[]; rows: unknown[][] }
  | { ok: false; code: string; message: string; sqliteCode?: number };

/** Ends this process when the parent is gone or the deadline has passed; says 'armed' once watching. */
const WATCHDOG = `
const { parentPort, workerData } = require('node:worker_threads');
const parentGone = () => {
  if (process.ppid !== workerData.ppid) return true;
  try { process.kill(workerData.ppid, 0); return false; } catch { return true; }
};
setInterval(() => {
  if (parentGone() || Date.now() > workerData.deadline) process.kill(process.pid, 'SIGKILL');
}, 100);
parentPort.postMessage('armed');
`;

export function runQuery(req: QueryRequest): QueryReply {
  let db: DatabaseSync;
  try {
    db = openReader(req.path);
  } catch (e) {
    return failure(e);
  }
  try {
    if (typeof db.setAuthorizer !== 'function') {
      return {
        ok: false,
        code: 'SQL_GUARD_UNAVAILABLE',
        message: `this Node.js (${process.versions.node}) has no SQLite authorizer, so cto sql will not run: use Node.js 24 (npx cto)`,
      };
    }
    db.enableDefensive(true);
    let refusal: Refusal | null = null;
    db.setAuthorizer((action, arg1, arg2) => {
      const r = authorize(action, arg1, arg2);
      if (!r) return constants.SQLITE_OK;
      refusal ??= r;
      return constants.SQLITE_DENY;
    });
    let stmt: StatementSync;
    try {
      stmt = db.prepare(req.text);
    } catch (e) {
      return refusal ? { ok: false, ...(refusal as Refusal) } : failure(e);
    }
    const at = req.text.indexOf(stmt.sourceSQL);
    if (at < 0 || !isEmptyTail(req.text.slice(at + stmt.sourceSQL.length))) {
      const { code, message } = oneStatementOnly();
      return { ok: false, code, message };
    }
    const columns = stmt.columns().map((c) => c.name);
    if (columns.length === 0) {
      return {
        ok: false,
        code: 'SQL_NOT_ALLOWED',
        message:
          'only statements that return rows can run in cto sql (SELECT, WITH, VALUES, PRAGMA that reports)',
      };
    }
    stmt.setReturnArrays(true);
    stmt.setReadBigInts(true);
    const rows = (stmt.all() as unknown as unknown[][]).map((row) => row.map(exactNumber));
    return { ok: true, columns, rows };
  } catch (e) {
    return failure(e);
  } finally {
    db.close();
  }
}

/** A read-only connection; immutable in a folder this process cannot write (files.ts). */
function openReader(path: string): DatabaseSync {
  try {
    const db = new DatabaseSync(path, { readOnly: true, allowExtension: false });
    db.prepare('select count(*) from sqlite_master').get();
    return db;
  } catch (e) {
    const primary = ((e as { errcode?: number }).errcode ?? 0) & 0xff;
    const uri = immutableFallback(path, primary === 8 || primary === 14);
    if (!uri) throw e;
    return new DatabaseSync(uri, { readOnly: true, allowExtension: false });
  }
}

/** Integers as numbers, or as their exact digits when a number cannot hold them. */
function exactNumber(v: unknown): unknown {
  if (typeof v !== 'bigint') return v;
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v);
}

function failure(e: unknown): QueryReply {
  const err = e as { errcode?: number; errstr?: string; message?: string };
  const primary = (err.errcode ?? 0) & 0xff;
  const message = err.message ?? String(e);
  if (primary === constants.SQLITE_OK) return { ok: false, code: 'DB_QUERY', message };
  if (primary === 8)
    return { ok: false, code: 'DB_READ_ONLY', message: `refused: ${message}; cto sql only reads` };
  if (primary === 14) return { ok: false, code: 'DB_OPEN', message: `cannot open the store: ${message}` };
  return { ok: false, code: 'DB_QUERY', message, sqliteCode: primary };
}

if (process.send) {
  process.once('message', (req: QueryRequest) => {
    const watchdog = new Worker(WATCHDOG, {
      eval: true,
      workerData: { ppid: req.parentPid, deadline: req.deadline },
    });
    // SQLite blocks this thread: only run the query once the watchdog is watching.
    watchdog.once('message', () => {
      watchdog.unref();
      const reply = runQuery(req);
      process.send?.(reply, () => process.exit(0));
    });
  });
}
