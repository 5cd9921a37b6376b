// Progress of a scan started from the server (docs/server.md#scans): on PostgreSQL its repositories are
// brought up to date with their queue jobs when read; the documents the API shows.
import { jobStates } from '../queue/status.ts';
import type { RepoOutcome } from '../scan/scan.ts';
import {
  finishServerScan,
  type ServerScanItemRow,
  type ServerScanRow,
  serverScan,
  serverScanItems,
  settleServerScanItem,
} from '../store/server-scans.ts';
import { nowIso, type Store } from '../store/store.ts';

type ItemStatus = 'waiting' | 'running' | RepoOutcome['status'];
/** A repository not done yet. */
const PENDING: readonly string[] = ['waiting', 'running'];

/** Bring a queued scan's repositories up to date with their jobs; the scan is done when all are (once all are queued). */
export async function refreshQueued(store: Store, row: ServerScanRow): Promise<ServerScanRow> {
  const items = (await serverScanItems(store, [row.id])).filter((i) => PENDING.includes(i.status));
  const states = await jobStates(
    store,
    items.flatMap((i) => (i.job_id ? [i.job_id] : [])),
  );
  const at = nowIso();
  let open = 0;
  for (const item of items) {
    const job = item.job_id ? states.get(item.job_id) : undefined;
    const next = job
      ? fromJob(job.state, job.output)
      : {
          status: 'failed' as const,
          code: 'DB_QUERY',
          message: 'the job is no longer in the queue (deleted by its retention)',
        };
    if (PENDING.includes(next.status)) open++;
    if (next.status === item.status) continue;
    await settleServerScanItem(store, item.id, {
      status: next.status,
      errorCode: next.code,
      errorMessage: next.message,
      at: PENDING.includes(next.status) ? null : at,
    });
  }
  // A scan whose total is not known yet is still queueing its repositories: not done, however few it holds.
  if (open > 0 || row.total === null) return row;
  await finishServerScan(store, row.id, { status: 'done', at, error: null });
  return (await serverScan(store, row.id)) as ServerScanRow;
}

/** A repository's status from its job: waiting, running, or the outcome the worker stored. */
function fromJob(
  state: string,
  output: (Partial<RepoOutcome> & { message?: string }) | null,
): { status: ItemStatus; code: string | null; message: string | null } {
  if (state === 'created' || state === 'retry') return { status: 'waiting', code: null, message: null };
  if (state === 'active') return { status: 'running', code: null, message: null };
  if (state === 'completed' && output?.status)
    return {
      status: output.status,
      code: output.error?.code ?? null,
      message: output.error?.message ?? null,
    };
  if (state === 'cancelled') return { status: 'failed', code: null, message: 'the job was cancelled' };
  return {
    status: 'failed',
    code: output?.error?.code ?? null,
    message: output?.error?.message ?? output?.message ?? 'failed',
  };
}

export interface ItemDocument {
  name: string;
  path: string;
  status: string;
  job: string | null;
  error: { code: string | null; message: string } | null;
  finishedAt: string | null;
}

export function itemDocument(i: ServerScanItemRow): ItemDocument {
  return {
    name: i.name,
    path: i.path,
    status: i.status,
    job: i.job_id,
    error: i.error_message === null ? null : { code: i.error_code, message: i.error_message },
    finishedAt: i.finished_at,
  };
}

export type ScanDocument = ReturnType<typeof scanDocument>;

/** A scan as the API shows it: who started it, what it covers, how far it got and what failed why. */
export function scanDocument(row: ServerScanRow, items: ServerScanItemRow[]) {
  const count = (s: string) => items.filter((i) => i.status === s).length;
  const done = items.filter((i) => !PENDING.includes(i.status)).length;
  return {
    id: row.id,
    trigger: row.trigger,
    startedBy: row.actor,
    scope: JSON.parse(row.scope) as 'all' | string[],
    mode: row.mode,
    status: row.status,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    progress: {
      total: row.total,
      done,
      pending: row.total === null ? null : Math.max(0, row.total - done),
      running: row.mode === 'queue' ? count('running') : null,
    },
    outcomes: {
      ok: count('ok'),
      partial: count('partial'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      failed: count('failed'),
    },
    failures: items
      .filter((i) => i.status === 'failed' || i.status === 'skipped')
      .map((i) => ({
        name: i.name,
        path: i.path,
        status: i.status,
        code: i.error_code,
        reason: i.error_message,
      })),
  };
}
