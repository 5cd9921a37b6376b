// `cto scan --queue`: one job per repository found under the paths, for `cto worker` to run; with
// --wait, wait for them and print the same summary as a scan in this process.
import type { PgBoss } from 'pg-boss';
import { CtoError, isCtoError } from '../errors.ts';
import {
  DEFAULT_LEASE_SECONDS,
  DONE_STATES,
  enqueueScan,
  openJob,
  openQueue,
  requirePostgres,
  SCAN_QUEUE,
  singletonKey,
} from '../queue/queue.ts';
import { discoverRepositories, type FoundRepository } from '../scan/discover.ts';
import { failedOutcome, type RepoOutcome } from '../scan/scan.ts';
import { unchangedOutcomes } from '../scan/unchanged.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace, storeTarget, type Workspace } from '../workspace.ts';
import { type globalOptions, withStore } from './context.ts';
import { formatNumber, printError, printJson, printLine } from './output.ts';
import { printSummary, type ScanFlags, scanSettings, summary, withKnownRepositories } from './scan.ts';

interface Queued {
  name: string;
  path: string;
  rev: string | null;
  job: string | null;
  /** false: the repository was already queued or running; `job` is that job. */
  added: boolean;
}

export async function enqueueCommand(
  paths: string[],
  /** false when no path was named (paths is then the default, `.`). */
  given: boolean,
  flags: ScanFlags,
  opts: ReturnType<typeof globalOptions>,
): Promise<number> {
  const ws = loadWorkspace(opts.workspace);
  const target = storeTarget(ws, opts.db);
  requirePostgres(target, '--queue');
  if (flags.all) paths = await withStore(opts, (store) => withKnownRepositories(store, given ? paths : []));
  const { repositories, problems } = await discoverRepositories(paths, {
    maxDepth: flags.depth ?? ws.config.scan?.depth ?? 4,
  });
  for (const p of problems) printError(`cto: ${p.error.message} [${p.error.code}]`);
  if (repositories.length === 0) throw new CtoError('NO_REPOSITORIES', 'no git repository to queue');
  // Unchanged repositories are not queued: decided here as a worker would (cto.yaml's scan settings).
  const unchanged =
    flags.rev === undefined
      ? await unchangedHere(target, ws, repositories)
      : new Map<FoundRepository, RepoOutcome>();
  const boss = await openQueue(target);
  try {
    const queued: Queued[] = [];
    for (const found of repositories) {
      if (unchanged.has(found)) continue;
      const rev = flags.rev ?? null;
      const id = await enqueueScan(boss, found, rev, {
        priority: flags.priority ?? 0,
        leaseSeconds: flags.lease ?? DEFAULT_LEASE_SECONDS,
      });
      const job = id ?? (await openJob(boss, singletonKey(found.info.commonDir, rev)));
      queued.push({ name: found.name, path: found.path, rev, job, added: id !== null });
    }
    const same = [...unchanged.values()];
    if (flags.wait === undefined) {
      printQueued(queued, same, flags.json === true);
      return problems.length > 0 ? 1 : 0;
    }
    const waited = await waitFor(boss, queued, flags.wait === true ? null : flags.wait * 1000);
    const outcomes = { done: [...same, ...waited.done], waiting: waited.waiting };
    if (flags.json) {
      printJson('cto.scan/v1', {
        store: { engine: 'postgres', location: target.replace(/\/\/[^@/]*@/, '//') },
        repositories: outcomes.done,
        waiting: outcomes.waiting.map((q) => ({ name: q.name, path: q.path, job: q.job })),
        problems: problems.map((p) => ({ path: p.path, code: p.error.code, message: p.error.message })),
        summary: summary(outcomes.done, problems.length),
      });
    } else {
      if (outcomes.done.length > 0) printSummary(outcomes.done);
      if (outcomes.waiting.length > 0)
        printLine(`${formatNumber(outcomes.waiting.length)} jobs not done yet (see cto status)`);
    }
    const failed = outcomes.done.filter((o) => o.status === 'failed').length + problems.length;
    return failed > 0 || outcomes.waiting.length > 0 ? 1 : 0;
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

function printQueued(queued: Queued[], unchanged: RepoOutcome[], json: boolean): void {
  const added = queued.filter((q) => q.added).length;
  if (json) {
    printJson('cto.queue/v1', {
      queued: queued,
      added,
      alreadyQueued: queued.length - added,
      unchanged: unchanged.map((o) => ({ name: o.name, path: o.path, commit: o.commit })),
    });
    return;
  }
  printLine(
    `queued ${formatNumber(added)} scan jobs`,
    added < queued.length
      ? `, ${formatNumber(queued.length - added)} repositories already queued or running`
      : '',
    unchanged.length > 0 ? `, ${formatNumber(unchanged.length)} unchanged repositories not queued` : '',
    '; `cto worker` runs them, `cto status` follows them',
  );
}

/**
 * The repositories a worker would find unchanged (src/scan/unchanged.ts), decided with this workspace's
 * scan settings; none when the store does not exist yet (it is not created here).
 */
async function unchangedHere(
  target: string,
  ws: Workspace,
  repositories: readonly FoundRepository[],
): Promise<Map<FoundRepository, RepoOutcome>> {
  let store: Store;
  try {
    store = await openStore(target, { mode: 'read' });
  } catch (e) {
    if (isCtoError(e) && e.code === 'NO_STORE') return new Map();
    throw e;
  }
  try {
    return await unchangedOutcomes(store, repositories, await scanSettings({}, ws));
  } finally {
    await store.close();
  }
}

/** Poll the jobs until all are done or the time is up; the outcome each job stored. */
async function waitFor(
  boss: PgBoss,
  queued: Queued[],
  limitMs: number | null,
): Promise<{ done: RepoOutcome[]; waiting: Queued[] }> {
  const until = limitMs === null ? Number.POSITIVE_INFINITY : Date.now() + limitMs;
  const outcomes = new Map<Queued, RepoOutcome>();
  for (;;) {
    for (const q of queued) {
      if (outcomes.has(q) || !q.job) continue;
      const [job] = await boss.findJobs(SCAN_QUEUE, { id: q.job });
      if (!job) outcomes.set(q, lostOutcome(q));
      else if (DONE_STATES.has(job.state))
        outcomes.set(q, (job.output as RepoOutcome | null) ?? lostOutcome(q));
    }
    const waiting = queued.filter((q) => q.job && !outcomes.has(q));
    if (waiting.length === 0 || Date.now() >= until)
      return { done: queued.flatMap((q) => outcomes.get(q) ?? []), waiting };
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A job gone from the queue (deleted by its retention) before its outcome was read. */
function lostOutcome(q: Queued): RepoOutcome {
  return failedOutcome(q.name, q.path, q.rev, {
    code: 'DB_QUERY',
    message: 'the job is no longer in the queue',
  });
}
