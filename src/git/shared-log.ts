// One `git log -p` over a whole history read by two readers at their own pace: the ownership replay
// (its patches, oldest first, in a worker thread) and the history stage (its facts: commits, file
// changes and line counts, from the same log's `--raw` lines and hunk headers: patch-facts.ts). A
// first scan then runs git's diffs of the whole history once instead of twice (`git log --numstat`
// computes the same diffs, with the same rename detection, as the replay's patches).
//
// git writes every part of the log (log-ranges.ts: one process per core over parts of the walk) to a
// file itself, at its own pace; each reader follows the files in order as they grow. A part is
// complete when `<part>.done` exists, failed when `<part>.failed` does (its error as JSON). The files
// live in a fresh 0700 folder (temp-folder.ts) and are removed when the last holder releases the log.
//
// A log of one reader is read the same way where git should not wait for it (`followedLog`).
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { CtoError, type ErrorCode, isCtoError } from '../errors.ts';
import { SAFE_LOG_FLAGS } from './log.ts';
import { countCommits, logConcurrency, logParts, partWindows, spool, windowArgs } from './log-ranges.ts';
import { makeTempFolder } from './temp-folder.ts';

/** Every line of a commit's header on one line: `%x01C %H %P`, then NUL-separated fields. */
export const SHARED_LOG_FORMAT = '%x01C %H %P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%s';

/** The patch options of the replay's log of non-merge commits (and of the shared log). */
export const PATCH_ARGS: readonly string[] = [
  '-p',
  '-U0',
  '--inter-hunk-context=0',
  '--topo-order',
  '--full-index',
  '--find-renames',
  '--root',
  ...SAFE_LOG_FLAGS,
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** The shared log: every commit oldest first, merges without a diff, each file's raw line and patch. */
export const SHARED_LOG_ARGS: readonly string[] = [
  'log',
  '--diff-merges=off',
  ...PATCH_ARGS,
  '--raw',
  '--no-abbrev',
  `--format=${SHARED_LOG_FORMAT}`,
  '--reverse',
];

/** What a reader needs, in any thread: the folder and the parts in reading order. */
export interface SharedLogFiles {
  dir: string;
  files: string[];
}

interface SharedLog {
  files: Promise<SharedLogFiles>;
  /** The folder once made. */
  made: { dir: string | null };
  holders: number;
  close: () => void;
}

/** Open logs by git directory and commit. */
const logs = new Map<string, SharedLog>();
const keyOf = (gitDir: string, commit: string) => `${gitDir}\x00${commit}`;

/** A hold on a shared log: its files, and `release` (once) when done reading. */
export interface SharedLogHold {
  files: Promise<SharedLogFiles>;
  release: () => void;
}

/**
 * Start the shared log of `commit`'s history (git runs at once, writing every part to its file) and
 * hold it. A second opener of the same log shares it.
 */
export function openSharedLog(gitDir: string, commit: string): SharedLogHold {
  const key = keyOf(gitDir, commit);
  const found = logs.get(key);
  if (found) return hold(key, found);
  const stop = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  const made: { dir: string | null } = { dir: null };
  const files = (async (): Promise<SharedLogFiles> => {
    const count = await countCommits(gitDir, commit);
    if (stop.signal.aborted) throw new Error('the shared log was closed');
    const windows = partWindows(count, logParts(count)).reverse(); // oldest first: the last window first
    const dir = makeTempFolder('cto-shared-');
    made.dir = dir;
    const parts = windows.map((_, i) => join(dir, `part-${i}`));
    for (const f of parts) closeSync(openSync(f, 'w', 0o600)); // readers can open a part before git starts it
    running = writeParts(gitDir, commit, windows, parts, stop.signal);
    return { dir, files: parts };
  })();
  files.catch(() => {}); // each holder awaits it
  const log: SharedLog = {
    files,
    made,
    holders: 0,
    close: () => {
      stop.abort();
      logs.delete(key);
      const remove = () => {
        if (made.dir) rmSync(made.dir, { recursive: true, force: true });
      };
      files.then(() => running.finally(remove), remove).catch(() => {});
    },
  };
  logs.set(key, log);
  return hold(key, log);
}

/** A hold on the shared log of `commit`'s history if one is open; undefined otherwise. */
export function holdSharedLog(gitDir: string, commit: string): SharedLogHold | undefined {
  const key = keyOf(gitDir, commit);
  const found = logs.get(key);
  return found ? hold(key, found) : undefined;
}

function hold(key: string, log: SharedLog): SharedLogHold {
  log.holders++;
  let released = false;
  return {
    files: log.files,
    release: () => {
      if (released) return;
      released = true;
      if (--log.holders === 0 && logs.get(key) === log) log.close();
    },
  };
}

/** Each part written by git in turn, at most one process per core at once; markers tell the readers. */
async function writeParts(
  gitDir: string,
  commit: string,
  windows: Array<{ skip: number; count: number | null }>,
  files: string[],
  stopped: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < windows.length && !stopped.aborted) {
      const i = next++;
      const file = files[i] as string;
      try {
        const args = [
          ...SHARED_LOG_ARGS,
          ...windowArgs(windows[i] as { skip: number; count: number | null }),
        ];
        await spool(gitDir, [...args, commit, '--'], file, stopped);
        writeMarker(`${file}.done`, '');
      } catch (e) {
        const failure = failureOf(e);
        writeMarker(`${file}.failed`, JSON.stringify(failure));
        for (const f of files.slice(i + 1)) writeMarker(`${f}.failed`, JSON.stringify(failure));
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(logConcurrency(), windows.length) }, worker));
}

function writeMarker(file: string, text: string): void {
  try {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch {
    // the folder is gone (the log was closed) or the part already has its marker
  }
}

/** A log followed as git writes it: its bytes in order, and `close` (stops git, removes the file). */
export interface FollowedLog {
  bytes: AsyncGenerator<Buffer>;
  /** Settles when git has ended (written the whole log, failed or been stopped). */
  written: Promise<void>;
  /** The folder of its file. */
  dir: string;
  close: () => Promise<void>;
}

/** The folders of followed logs not yet closed. */
const followed = new Set<string>();

/**
 * One `git <args>` written by git to a file of its own at git's pace and read back in order as it
 * grows: a reader busy elsewhere never holds git back, as a pipe (64 KiB) would, and what git is
 * ahead by costs disk, not memory. Close it once done reading (or giving up): git is stopped and the
 * file removed.
 */
export function followedLog(
  gitDir: string,
  args: readonly string[],
  options: { deltaBaseCacheBytes?: number } = {},
): FollowedLog {
  const dir = makeTempFolder('cto-log-');
  followed.add(dir);
  const file = join(dir, 'log');
  closeSync(openSync(file, 'w', 0o600)); // the reader can open it before git starts
  const stop = new AbortController();
  const writing = spool(gitDir, [...args], file, stop.signal, options).then(
    () => writeMarker(`${file}.done`, ''),
    (e) => writeMarker(`${file}.failed`, JSON.stringify(failureOf(e))),
  );
  return {
    bytes: followParts({ dir, files: [file] }),
    written: writing,
    dir,
    close: async () => {
      stop.abort();
      await writing;
      rmSync(dir, { recursive: true, force: true });
      followed.delete(dir);
    },
  };
}

function failureOf(e: unknown): { code: ErrorCode | null; message: string } {
  return { code: isCtoError(e) ? e.code : null, message: (e as Error).message ?? String(e) };
}

const CHUNK = 1 << 18;
const POLL_MS = 5;

/**
 * The shared log's bytes in order, as one git process would print them: each part read as git writes
 * it, waiting for more until the part is marked done. Throws a failed part's error, or when the log
 * was closed while reading.
 */
export async function* followParts(log: SharedLogFiles): AsyncGenerator<Buffer> {
  for (const file of log.files) {
    const fh = await open(file, 'r');
    try {
      let at = 0;
      let done = false;
      // A whole read is given as it is; a short one (the reader caught up with git) is copied out and
      // the buffer read into again: a fresh 256 KB buffer per short read made the readers' threads
      // collect garbage for the memory outside their heaps (49 full collections on history's thread
      // over symfony/symfony, 20 now).
      let buf = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, CHUNK, at);
        if (bytesRead > 0) {
          at += bytesRead;
          if (bytesRead === CHUNK) {
            yield buf;
            buf = Buffer.allocUnsafe(CHUNK);
          } else yield Buffer.from(buf.subarray(0, bytesRead));
          continue;
        }
        if (done) break; // everything written before the marker is read
        if (existsSync(`${file}.done`)) {
          done = true;
          continue;
        }
        if (existsSync(`${file}.failed`)) throw partFailure(`${file}.failed`);
        if (!existsSync(log.dir)) throw new Error('the shared log was closed while it was read');
        await new Promise((wake) => setTimeout(wake, POLL_MS));
      }
    } finally {
      await fh.close();
    }
  }
}

function partFailure(marker: string): Error {
  try {
    const { code, message } = JSON.parse(readFileSync(marker, 'utf8')) as {
      code: ErrorCode | null;
      message: string;
    };
    return code ? new CtoError(code, message) : new Error(message);
  } catch {
    return new Error('the shared log failed');
  }
}

// A process (or the worker thread) that ends while a log is open leaves no files behind.
process.on('exit', () => {
  for (const log of logs.values()) if (log.made.dir) rmSync(log.made.dir, { recursive: true, force: true });
  for (const dir of followed) rmSync(dir, { recursive: true, force: true });
});
