// Stage 3a, collect history: stream `git log` over the new commits into the store in batches.
import { streamGit } from '../git/invoke.ts';
import { type CommitRecord, LOG_ARGS, LOG_ARGS_WITHOUT_LINES, LogParser } from '../git/log.ts';
import type { Row, Store } from '../store/store.ts';

export interface HistoryProgress {
  commits: number;
}

export interface HistoryReadResult {
  commits: number;
  /** Tokens the parser could not read (a diagnostic when non-zero). */
  skippedTokens: number;
}

/**
 * Commits per write. Small enough that a write takes a few milliseconds, so the event loop
 * returns to the pipe before it fills and git never waits for the store.
 */
const BATCH = 200;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function commitRow(snapshotId: number, c: CommitRecord): Row {
  let added = 0;
  let deleted = 0;
  for (const ch of c.changes) {
    added += ch.added ?? 0;
    deleted += ch.deleted ?? 0;
  }
  return {
    snapshot_id: snapshotId,
    sha: c.sha,
    parents: c.parents.join(' '),
    parent_count: c.parents.length,
    author_name: c.author.name,
    author_email: c.author.email,
    author_date: c.authorDate,
    author_ts: c.authorTs,
    committer_name: c.committer.name,
    committer_email: c.committer.email,
    committer_date: c.committerDate,
    committer_ts: c.committerTs,
    subject: c.subject,
    files_changed: c.changes.length,
    lines_added: added,
    lines_deleted: deleted,
  };
}

function changeRows(snapshotId: number, c: CommitRecord, out: Row[]): void {
  for (const ch of c.changes) {
    out.push({
      snapshot_id: snapshotId,
      commit_sha: c.sha,
      path: ch.path,
      old_path: ch.oldPath,
      status: ch.status,
      added: ch.added,
      deleted: ch.deleted,
      is_binary: ch.binary ? 1 : 0,
    });
  }
}

/**
 * Read the commits of `range` (`<commit>` for a full read, `<old>..<new>` for an incremental one)
 * and write them as ingested by `snapshotId`. Writes overlap with git producing the next commits.
 */
export async function ingestHistory(
  store: Store,
  gitDir: string,
  snapshotId: number,
  range: string,
  onProgress?: (p: HistoryProgress) => void,
  lineCounts = true,
): Promise<HistoryReadResult> {
  const parser = new LogParser({ lineCounts });
  let commits: Row[] = [];
  let changes: Row[] = [];
  let total = 0;
  let pendingWrite: Promise<void> = Promise.resolve();
  const flush = async () => {
    const c = commits;
    const f = changes;
    commits = [];
    changes = [];
    await pendingWrite;
    pendingWrite = (async () => {
      await store.insertMany('commits', c);
      await store.insertMany('file_changes', f);
    })();
    pendingWrite.catch(() => {}); // awaited at the next flush; this only keeps Node from calling it unhandled
  };
  const take = async (records: CommitRecord[]) => {
    for (const rec of records) {
      commits.push(commitRow(snapshotId, rec));
      changeRows(snapshotId, rec, changes);
    }
    total += records.length;
    if (commits.length >= BATCH) {
      await flush();
      await yieldToIo();
      onProgress?.({ commits: total });
    }
  };
  const args = lineCounts ? LOG_ARGS : LOG_ARGS_WITHOUT_LINES;
  for await (const chunk of streamGit({ gitDir, args: [...args, range, '--'] })) {
    await take(parser.push(chunk));
  }
  await take(parser.end());
  await flush();
  await pendingWrite;
  onProgress?.({ commits: total });
  return { commits: total, skippedTokens: parser.stats.skippedTokens };
}
