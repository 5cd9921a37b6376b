// `cto sql` on SQLite: the query runs in a process of its own (query-child.ts), ended when the
// timeout passes or the caller cancels; a process can be stopped in the middle of SQLite's work,
// a worker thread cannot.
import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CtoError, ERROR_CODES, type ErrorCode } from '../../../errors.ts';
import type { QueryLimits, QueryResult } from '../postgres/query.ts';
import { cancelledError, timeoutError } from '../query-errors.ts';
import { firstKeyword, writeRefusal } from '../sql-text.ts';
import type { QueryReply, QueryRequest } from './query-child.ts';

type Failure = QueryReply & { ok: false };

const CHILD = fileURLToPath(new URL('./query-child.ts', import.meta.url));
const COMPILE_CACHE = join(tmpdir(), 'node-compile-cache');

/** How long after the parent's timeout the query process ends itself, should the parent be gone. */
const CHILD_GRACE_MS = 1000;

export async function sqliteReadOnlyQuery(
  path: string,
  text: string,
  limits: QueryLimits,
  explainFailure: (reply: Failure) => Promise<CtoError>,
): Promise<QueryResult> {
  const keyword = firstKeyword(text);
  if (keyword === '') throw new CtoError('USAGE', 'no SQL statement was given');
  const write = writeRefusal(keyword);
  if (write) throw write;
  if (limits.signal?.aborted) throw cancelledError();
  const reply = await runInChild(
    { path, text, deadline: Date.now() + limits.timeoutMs + CHILD_GRACE_MS, parentPid: process.pid },
    limits,
  );
  if (!reply.ok) throw await explainFailure(reply);
  return { columns: reply.columns, rows: reply.rows };
}

/** The child's reply; rejected when the timeout passes, the caller cancels or the child dies. */
function runInChild(request: QueryRequest, limits: QueryLimits): Promise<QueryReply> {
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
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(timeoutError(limits.timeoutMs))), limits.timeoutMs);
    const onAbort = () => finish(() => reject(cancelledError()));
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (reply: QueryReply) => finish(() => resolve(reply)));
    child.on('error', (e) =>
      finish(() => reject(new CtoError('DB_QUERY', `cannot run the query: ${e.message}`))),
    );
    child.on('exit', (code, signal) => {
      const why = stderr.trim().split('\n').at(-1) ?? '';
      const ended = `the query process ended early (${signal ?? `exit ${code}`})${why ? `: ${why}` : ''}`;
      finish(() => reject(new CtoError('DB_QUERY', ended)));
    });
    child.send(request);
  });
}

/** The reply's error as a CtoError: its code when it is one of ours, DB_QUERY otherwise. */
export function replyError(reply: Failure): CtoError {
  const code = (reply.code in ERROR_CODES ? reply.code : 'DB_QUERY') as ErrorCode;
  return new CtoError(code, reply.message);
}
