// One `git log` over a long range read by several git processes at once, one per part of the range
// (`--skip`/`--max-count` over the same walk, as git-truck does with two), so git's diff work, the
// largest cost of reading history, is spread over the cores. The output comes back in the order one
// process prints it: the first part streams through; the others are written to temporary files while
// it runs and read back after it, so memory stays that of one chunk whatever the size of history.
// Oldest first (`--reverse`) works the same way: git reverses each part after cutting it from the
// walk, so the parts are read from the last to the first.
import { closeSync, createReadStream, openSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { budgetExceeded } from './budget.ts';
import { gitFailure, gitOk, spawnGit, streamGit } from './invoke.ts';
import { makeTempFolder } from './temp-folder.ts';

/** A part of fewer commits is not worth a process of its own. */
const MIN_COMMITS_PER_PART = 2_000;

/** Git processes of one log running at once: one per core, at most 4. */
export function logConcurrency(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, 4));
}

/**
 * How many parts a range of `commits` is read in: `perCore` per core (at most 4 cores), each of at
 * least MIN_COMMITS_PER_PART. Parts of equal commits cost unequal work (on git/git the newer half
 * takes twice the older one), so more parts than processes, read a core's worth at a time, even it out.
 */
export function logParts(commits: number, cores = availableParallelism(), perCore = 1): number {
  return Math.max(1, Math.min(logConcurrency(cores) * perCore, Math.floor(commits / MIN_COMMITS_PER_PART)));
}

/** Commits `git log <range>` would print (`git rev-list --count`, the same walk). */
export async function countCommits(gitDir: string, range: string): Promise<number> {
  const out = await gitOk({ gitDir, args: ['rev-list', '--count', range, '--'] });
  return Number(out.toString('utf8').trim());
}

/** `--skip`/`--max-count` of each of `parts` parts of `commits` commits, in output order. */
export function partWindows(commits: number, parts: number): Array<{ skip: number; count: number | null }> {
  const size = Math.ceil(commits / parts);
  return Array.from({ length: parts }, (_, i) => ({
    skip: i * size,
    count: i === parts - 1 ? null : size, // the last part takes whatever the walk still has
  }));
}

export function windowArgs(w: { skip: number; count: number | null }): string[] {
  return [
    ...(w.skip > 0 ? [`--skip=${w.skip}`] : []),
    ...(w.count === null ? [] : [`--max-count=${w.count}`]),
  ];
}

/**
 * The output of one git process written to `file` by git itself (its bytes never pass through this
 * process on the way); rejects as `streamGit` would throw.
 */
export async function spool(
  gitDir: string,
  args: string[],
  file: string,
  stopped: AbortSignal,
  options: { deltaBaseCacheBytes?: number } = {},
): Promise<void> {
  const call = { gitDir, args, ...options };
  const fd = openSync(file, 'w', 0o600);
  let git: ReturnType<typeof spawnGit>;
  try {
    git = spawnGit(call, { outputFile: fd });
  } finally {
    closeSync(fd); // git holds its own copy
  }
  const stop = () => git.kill();
  stopped.addEventListener('abort', stop);
  try {
    const exit = await git.exited;
    if (exit.exceeded) throw budgetExceeded(args[0] ?? '', exit.exceeded, git.budget);
    if (exit.code !== 0) throw gitFailure(call, { code: exit.code ?? 128, stderr: exit.stderr });
  } finally {
    stopped.removeEventListener('abort', stop);
    git.kill();
  }
}

/**
 * Stream `git <args> <range> --` (a `git log`) as one process would print it, read in `parts` parts
 * by at most `concurrency` processes at once (the first part streaming, the next ones spooled, each
 * started in order as a process ends); `oldestFirst` adds `--reverse`. `args` must not limit or reorder the walk
 * itself (no `--skip`, `--max-count`, `--reverse`). Ends with the first error any part ends with;
 * the other processes are stopped.
 */
export async function* streamLogParts(
  gitDir: string,
  args: readonly string[],
  range: string,
  commits: number,
  parts: number,
  oldestFirst = false,
  concurrency = logConcurrency(),
): AsyncGenerator<Buffer> {
  const flags = oldestFirst ? [...args, '--reverse'] : [...args];
  // In the order they are read: the newest commits' part is the last one when reversed.
  const windows = partWindows(commits, parts);
  if (oldestFirst) windows.reverse();
  if (windows.length <= 1) {
    yield* streamGit({ gitDir, args: [...flags, range, '--'] });
    return;
  }
  const dir = makeTempFolder('cto-log-');
  const stop = new AbortController();
  const files = windows.slice(1).map((_, i) => join(dir, `part-${i + 1}`));
  // Process slots: the first part holds one while it streams; the spooled parts take the others in order.
  let running = 1;
  const waiting: Array<() => void> = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  const spooled = windows.slice(1).map(async (w, i) => {
    while (running >= Math.max(1, concurrency) && !stop.signal.aborted)
      await new Promise<void>((wake) => waiting.push(wake));
    if (stop.signal.aborted) return;
    running++;
    try {
      await spool(gitDir, [...flags, ...windowArgs(w), range, '--'], files[i] as string, stop.signal);
    } finally {
      release();
    }
  });
  for (const s of spooled) s.catch(() => {}); // each is awaited in turn below
  try {
    try {
      yield* streamGit({
        gitDir,
        args: [...flags, ...windowArgs(windows[0] as { skip: number; count: number | null }), range, '--'],
      });
    } finally {
      release();
    }
    for (const [i, s] of spooled.entries()) {
      await s;
      for await (const chunk of createReadStream(files[i] as string)) yield chunk as Buffer;
    }
  } finally {
    stop.abort();
    for (const wake of waiting.splice(0)) wake();
    await Promise.allSettled(spooled);
    rmSync(dir, { recursive: true, force: true });
  }
}
