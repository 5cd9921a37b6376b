// One replay of history per repository and scan, in a worker thread: its JavaScript (parsing
// `git log -p`, line origins, rename search) runs off the main thread, which meanwhile reads
// history or runs other analyses. A pass started for a commit also stops at the commits the scan
// snapshots after it (`scan --history` points, then the tip), so every point's ownership comes
// from the same pass. Results wait here, one per commit, until the analysis of that snapshot takes
// them; taking one drops the pass's earlier ones (points are scanned oldest first).
import { Worker } from 'node:worker_threads';
import { CtoError, type ErrorCode } from '../../errors.ts';
import { currentGitBudget, type GitBudget } from '../../git/budget.ts';
import { openSharedLog, type SharedLogFiles } from '../../git/shared-log.ts';
import type { ReplayResult } from './replay.ts';

interface PassRequest {
  gitDir: string;
  commit: string;
  /** Commits snapshotted after this one by the same scan, oldest first; each descends from `commit`. */
  later: readonly string[];
}

/** What the worker is given. */
export interface PassWork {
  gitDir: string;
  commit: string;
  stops: string[];
  budget: GitBudget;
  /** The replay reads the shared log (git/shared-log.ts), whose files the worker is sent once known. */
  shared: boolean;
}

/** What the worker is sent when `shared`: the shared log's files, or null to read its own log. */
export interface SharedLogMessage {
  files: SharedLogFiles | null;
}

/** What the worker posts: a stop's result, the last commit's result, or why it failed. */
export type PassMessage =
  | { kind: 'stop'; commit: string; result: ReplayResult }
  | { kind: 'failed'; code: ErrorCode | null; message: string };

interface Pending {
  pass: number;
  order: number;
  result: Promise<ReplayResult>;
  worker: Worker;
}

const WORKER = new URL('./pass-worker.ts', import.meta.url);
/**
 * The worker's young generation, in MB. V8 sizes it from the machine's memory (192 MB on a 24 GB
 * machine, filled before each collection); the replay's short-lived garbage needs far less: on
 * git/git `cto`'s peak RSS is about 140 MB lower (symfony/symfony about 100 MB) for the same CPU time.
 */
const YOUNG_GENERATION_MB = 24;

/** Results not yet taken, by git directory and commit. */
const pending = new Map<string, Pending>();
let passes = 0;

const keyOf = (gitDir: string, commit: string) => `${gitDir}\x00${commit}`;

/**
 * Starts one pass over the history of the last of `later` (or of `commit`), stopping at `commit`
 * and each of `later`; nothing when a pass already holds `commit`'s result.
 */
export function startPass(request: PassRequest): void {
  const { gitDir, commit } = request;
  if (pending.has(keyOf(gitDir, commit))) return;
  dropRepository(gitDir);
  const stops = [...new Set([commit, ...request.later])];
  const last = stops[stops.length - 1] as string;
  const pass = ++passes;
  // A pass over `commit`'s own history shares its log of patches with the history stage, which reads
  // the same commits' facts from it; a pass that stops at later points reads a longer history.
  const log = stops.length === 1 ? openSharedLog(gitDir, last) : undefined;
  const work: PassWork = {
    gitDir,
    commit: last,
    stops: stops.slice(0, -1),
    budget: currentGitBudget(),
    shared: log !== undefined,
  };
  const worker = new Worker(WORKER, {
    workerData: work,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  if (log) {
    const send = (files: SharedLogFiles | null) => worker.postMessage({ files } satisfies SharedLogMessage);
    log.files.then(send, () => send(null));
  }
  // The process waits for the pass only while a result of it is awaited (takePass): an abandoned
  // scan does not wait for it.
  worker.unref();
  const settle = new Map<string, { resolve: (r: ReplayResult) => void; reject: (e: Error) => void }>();
  for (const [order, stop] of stops.entries()) {
    const result = new Promise<ReplayResult>((resolve, reject) => settle.set(stop, { resolve, reject }));
    result.catch(() => {}); // a result nobody takes must not fail the process
    pending.set(keyOf(gitDir, stop), { pass, order, result, worker });
  }
  const failAll = (e: Error) => {
    for (const s of settle.values()) s.reject(e);
    settle.clear();
    log?.release();
  };
  worker.on('message', (m: PassMessage) => {
    if (m.kind === 'failed') failAll(m.code ? new CtoError(m.code, m.message) : new Error(m.message));
    else {
      settle.get(m.commit)?.resolve(m.result);
      settle.delete(m.commit);
      if (settle.size === 0) log?.release();
    }
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    const missing = [...settle.keys()].map((c) => c.slice(0, 12)).join(', ');
    if (missing) failAll(new Error(`the ownership replay stopped (exit ${code}) before ${missing}`));
  });
}

/**
 * The result for `commit` of a pass started for it, taken (a second call gets undefined); the
 * pass's results for commits before it are dropped.
 */
export function takePass(gitDir: string, commit: string): Promise<ReplayResult> | undefined {
  const key = keyOf(gitDir, commit);
  const found = pending.get(key);
  if (!found) return undefined;
  pending.delete(key);
  for (const [k, p] of pending) if (p.pass === found.pass && p.order < found.order) pending.delete(k);
  found.worker.ref();
  const unref = () => found.worker.unref();
  found.result.then(unref, unref);
  return found.result;
}

/** The ownership at `commit` by one pass, started now unless one was started for it already. */
export function ownershipPass(request: PassRequest): Promise<ReplayResult> {
  startPass(request);
  return takePass(request.gitDir, request.commit) as Promise<ReplayResult>;
}

/** Passes started by this process (each one replay of a history). */
export function passesStarted(): number {
  return passes;
}

function dropRepository(gitDir: string): void {
  for (const key of [...pending.keys()]) if (key.startsWith(`${gitDir}\x00`)) pending.delete(key);
}
