// `cto worker`'s loop: take scan jobs from the queue, run the same per-repository scan as `cto scan`
// (under the store's scan lock of the repository), and settle each job: completed, failed (retried
// with backoff) or dead-lettered (a failure no retry can mend), the outcome stored on the job.
import type { PgBoss } from 'pg-boss';
import type { ErrorCode } from '../errors.ts';
import { discoverRepositories } from '../scan/discover.ts';
import { failedOutcome, type RepoOutcome, type ScanOptions, scanRepository } from '../scan/scan.ts';
import type { Store } from '../store/store.ts';
import { SCAN_QUEUE, type ScanJob } from './queue.ts';

/** Failures that the same job would meet again: straight to the dead-letter queue, not retried. */
const PERMANENT: ReadonlySet<string> = new Set<ErrorCode>([
  'PATH_NOT_FOUND',
  'NOT_A_REPOSITORY',
  'NO_REPOSITORIES',
  'EMPTY_REPOSITORY',
  'BAD_REVISION',
  'CORRUPT_REPOSITORY',
  'TREE_TOO_LARGE',
]);

type JobVerdict = 'completed' | 'failed' | 'deadletter';

/** How a job ends for an outcome: a scan that ran, or was told nothing new, is done. */
export function verdict(outcome: RepoOutcome): JobVerdict {
  if (outcome.status === 'ok' || outcome.status === 'partial' || outcome.status === 'unchanged')
    return 'completed';
  if (outcome.status === 'failed' && outcome.error && PERMANENT.has(outcome.error.code)) return 'deadletter';
  return 'failed'; // skipped (another scan holds the lock) or a failure that may pass: retried
}

interface WorkerOptions {
  jobs: number;
  settings: ScanOptions;
  onDone?: (outcome: RepoOutcome, verdict: JobVerdict) => void;
}

/** Start taking jobs; the returned function stops taking new ones and resolves when the current end. */
export async function startWorker(
  boss: PgBoss,
  store: Store,
  options: WorkerOptions,
): Promise<() => Promise<void>> {
  await boss.work<ScanJob>(
    SCAN_QUEUE,
    {
      localConcurrency: options.jobs,
      batchSize: 1,
      perJobResults: true,
      // pg-boss waits the polling interval less the job's own time before asking again: a small
      // repository's job would idle the slot. Ask twice a second (pg-boss's least), and at once while
      // more jobs are ready (its ready count, refreshed by its monitor) and the last ask found one.
      pollingIntervalSeconds: 0.5,
      burstWhenReadyExceeds: 1,
    },
    async (jobs) =>
      Promise.all(
        jobs.map(async (job) => {
          const outcome = await runJob(store, job.data, options.settings);
          const v = verdict(outcome);
          options.onDone?.(outcome, v);
          return { id: job.id, status: v, output: outcome };
        }),
      ),
  );
  return () => boss.offWork(SCAN_QUEUE, { wait: true });
}

async function runJob(store: Store, job: ScanJob, settings: ScanOptions): Promise<RepoOutcome> {
  const { repositories, problems } = await discoverRepositories([job.path], { maxDepth: 1 });
  const found = repositories.find((r) => r.info.commonDir === job.key) ?? repositories[0];
  if (!found || problems.length > 0) {
    const error = problems[0]?.error;
    return jobFailed(job, error?.code ?? 'NOT_A_REPOSITORY', error?.message ?? `${job.path}: not found`);
  }
  try {
    return await scanRepository(store, found, { ...settings, rev: job.rev ?? undefined, lockWaitMs: 0 });
  } catch (e) {
    return jobFailed(job, 'GIT_FAILED', (e as Error).message);
  }
}

function jobFailed(job: ScanJob, code: string, message: string): RepoOutcome {
  return failedOutcome(job.path, job.path, job.rev, { code, message });
}
