// `cto sql` on SQLite: the query runs in a process of its own (query-child.ts), ended when the
// timeout passes or the caller cancels; a process can be stopped in the middle of SQLite's work,
// a worker thread cannot.
import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CtoError, ERROR_CODES, type ErrorCode } from '../../../errors.ts';
import type { QueryLimits, QueryResult } from '../postgres/query.ts';
import { firstKeyword, writeRefusal } from '../sql-text.ts';
import type { QueryReply, QueryRequest } from './query-child.ts';

const CHILD = fileURLToPath(new URL('./query-child.ts', import.meta.url));
const COMPILE_CACHE = join(tmpdir(), 'node-compile-cache');

/** How long after the parent's timeout the query process ends itself, should the parent be gone. */
const CHILD_GRACE_MS = 1000;

export function sqliteReadOnlyQuery(
  path: string,
  text: string,
  limits: QueryLimits,
  explainFailure: (reply: QueryReply & { ok: false }) => Promise<CtoError>,
): Promise<QueryResult> {
  const keyword = firstKeyword(text);
  if (keyword === '') return Promise.reject(new CtoError('USAGE', 'no SQL statement was given'));
  const write = writeRefusal(keyword);
  if (write) return Promise.reject(write);
  if (limits.signal?.aborted) return Promise.reject(new CtoError('SQL_CANCELLED', 'the query was cancelled'));
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: [],
      // Node's compile cache keeps the stripped TypeScript: the process starts in a third of the time.
      env: { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE || COMPILE_CACHE },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    let settled = false;
    let replied = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      settle();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new CtoError(
            'SQL_TIMEOUT',
            `the query ran longer than ${limits.timeoutMs / 1000} s and was stopped (raise it with --timeout)`,
          ),
        ),
      );
    }, limits.timeoutMs);
    const onAbort = () => finish(() => reject(new CtoError('SQL_CANCELLED', 'the query was cancelled')));
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (reply: QueryReply) => {
      replied = true;
      if (reply.ok) return finish(() => resolve({ columns: reply.columns, rows: reply.rows }));
      explainFailure(reply).then(
        (e) => finish(() => reject(e)),
        (e) => finish(() => reject(e)),
      );
    });
    child.on('error', (e) =>
      finish(() => reject(new CtoError('DB_QUERY', `cannot run the query: ${e.message}`))),
    );
    child.on('exit', (code, signal) => {
      if (replied) return;
      const why = stderr.trim().split('\n').at(-1) ?? '';
      finish(() =>
        reject(
          new CtoError(
            'DB_QUERY',
            `the query process ended early (${signal ?? `exit ${code}`})${why ? `: ${why}` : ''}`,
          ),
        ),
      );
    });
    const request: QueryRequest = {
      path,
      text,
      deadline: Date.now() + limits.timeoutMs + CHILD_GRACE_MS,
      parentPid: process.pid,
    };
    child.send(request);
  });
}

/** The reply's error as a CtoError: its code when it is one of ours, DB_QUERY otherwise. */
export function replyError(reply: QueryReply & { ok: false }): CtoError {
  const code = (reply.code in ERROR_CODES ? reply.code : 'DB_QUERY') as ErrorCode;
  return new CtoError(code, reply.message);
}
