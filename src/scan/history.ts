// Stage 3, history: stream `git log` over the new commits into the store in batches, record the
// snapshot's history segments, and the tags reachable from the scanned commit.
import type { Diagnostic } from '../collectors/types.ts';
import { gitOk, isMissingObjects } from '../git/invoke.ts';
import { type CommitRecord, LOG_ARGS, LOG_ARGS_WITHOUT_LINES, LogParser } from '../git/log.ts';
import { countCommits, logParts, streamLogParts } from '../git/log-ranges.ts';
import { PatchFactsParser } from '../git/patch-facts.ts';
import { listTags } from '../git/refs.ts';
import { followParts, holdSharedLog } from '../git/shared-log.ts';
import { deleteHistoryRows, segmentsOf } from '../store/snapshots.ts';
import type { Store, TableRow } from '../store/store.ts';
import type { SnapshotWork } from './stages.ts';

interface HistoryProgress {
  commits: number;
}

interface HistoryReadResult {
  commits: number;
  /** Tokens the parser could not read (a diagnostic when non-zero). */
  skippedTokens: number;
}

/** History alone cuts its log into this many parts per process (src/git/log-ranges.ts: unequal parts even out). */
const PARTS_PER_CORE = 4;

/**
 * Commits per write: each write is a transaction per table, and SQLite's cost per row falls with the
 * rows per transaction (random commit ids touch pages all over the indexes, written again at every
 * commit): 1,000 rather than 200 took symfony/symfony's writes from 11.4 to 7.9 s of a full scan. A
 * write of 1,000 commits still takes tens of milliseconds, so the event loop soon returns to the pipe
 * (the later parts of the log are spooled to files meanwhile).
 */
const BATCH = 1000;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function commitRow(snapshotId: number, c: CommitRecord): TableRow<'commits'> {
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

function changeRows(snapshotId: number, c: CommitRecord, out: TableRow<'file_changes'>[]): void {
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

/** What reads history's facts from bytes of log output: LogParser, or PatchFactsParser for the shared log. */
interface FactsParser {
  push(chunk: Buffer): CommitRecord[];
  end(): CommitRecord[];
  readonly stats: { skippedTokens: number };
  /** Commits whose facts it could not read in full: they are read again by `recount`. */
  readonly unsure?: Set<string>;
}

/** Commits held for `recount` at most, before they are read again and written. */
const RECOUNT_BATCH = 200;

/**
 * Read the commits of `range` (`<commit>` for a full read, `<old>..<new>` for an incremental one)
 * and write them as ingested by `snapshotId`, in the order one `git log` prints them. Writes overlap
 * with git producing the next commits; a long range is read by one git process per core
 * (git/log-ranges.ts).
 */
async function ingestHistory(
  store: Store,
  gitDir: string,
  snapshotId: number,
  range: string,
  onProgress?: (p: HistoryProgress) => void,
  lineCounts = true,
  perCore = 1,
): Promise<HistoryReadResult> {
  const args = lineCounts ? LOG_ARGS : LOG_ARGS_WITHOUT_LINES;
  const count = await countCommits(gitDir, range);
  const chunks = streamLogParts(gitDir, args, range, count, logParts(count, undefined, perCore));
  return ingestChunks(store, snapshotId, chunks, new LogParser({ lineCounts }), onProgress);
}

/** Write the commits `parser` reads from `chunks`, in batches, while the next chunks are read. */
async function ingestChunks(
  store: Store,
  snapshotId: number,
  chunks: AsyncIterable<Buffer>,
  parser: FactsParser,
  onProgress?: (p: HistoryProgress) => void,
  recount?: (shas: string[]) => Promise<CommitRecord[]>,
): Promise<HistoryReadResult> {
  let held: string[] = [];
  let commits: TableRow<'commits'>[] = [];
  let changes: TableRow<'file_changes'>[] = [];
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
  const write = (records: CommitRecord[]) => {
    for (const rec of records) {
      commits.push(commitRow(snapshotId, rec));
      changeRows(snapshotId, rec, changes);
    }
  };
  const recountHeld = async () => {
    const shas = held;
    held = [];
    if (shas.length === 0 || !recount) return;
    const again = await recount(shas);
    if (again.length !== shas.length) throw new Error(`read ${again.length} of ${shas.length} commits again`);
    write(again);
  };
  const take = async (records: CommitRecord[]) => {
    const unsure = parser.unsure;
    if (unsure && unsure.size > 0 && recount) {
      write(records.filter((r) => !unsure.has(r.sha)));
      for (const r of records) if (unsure.delete(r.sha)) held.push(r.sha);
      if (held.length >= RECOUNT_BATCH) await recountHeld();
    } else write(records);
    total += records.length;
    if (commits.length >= BATCH) {
      await flush();
      await yieldToIo();
      onProgress?.({ commits: total });
    }
  };
  try {
    for await (const chunk of chunks) await take(parser.push(chunk));
    await take(parser.end());
    await recountHeld();
    await flush();
  } finally {
    await pendingWrite.catch(() => {}); // no write of this read lands after it ends
  }
  await pendingWrite;
  onProgress?.({ commits: total });
  return { commits: total, skippedTokens: parser.stats.skippedTokens };
}

interface HistoryStageResult {
  /** Commits this snapshot read (0 when the commit is the base snapshot's). */
  newCommits: number;
}

/**
 * Snapshots whose ingested commits make up the new snapshot's history: the base snapshot's segments
 * plus this one (known before the history stage reads anything, so the other stages can start).
 */
export async function historySegments(work: SnapshotWork): Promise<number[]> {
  const { plan, store, snapshotId } = work;
  const base = plan.kind === 'incremental' ? await segmentsOf(store, plan.baseId) : [];
  return [...base, snapshotId];
}

/** The history of the new snapshot: `segments` (historySegments), and the commits this one reads. */
export async function historyStage(
  work: SnapshotWork,
  segments: readonly number[],
): Promise<HistoryStageResult> {
  const { store, plan, snapshotId, found } = work;
  const gitDir = found.info.gitDir;
  if (found.info.shallow) {
    work.diagnostics.push(
      historyDiagnostic(
        'shallow-clone',
        'shallow clone: history before the shallow boundary is missing, so counts are partial',
        'warning',
      ),
    );
  }
  const range = plan.kind === 'incremental' ? plan.range : plan.commit;
  let newCommits = 0;
  if (range !== null) {
    const onProgress = (commits: number) => work.onStage({ stage: 'history', commits });
    onProgress(0); // the stage has begun, before git prints its first commit
    // With the cores to itself, history's log is cut finer so its parts even out; when an analysis
    // reads its own logs from git beside it (the ownership replay), one part per core leaves it the rest.
    const beside = work.overlap && work.plugins.analyses.some((a) => a.fromGit !== undefined);
    const perCore = beside ? 1 : PARTS_PER_CORE;
    const read =
      (plan.kind === 'incremental' ? null : await readSharedLog(work, range, onProgress)) ??
      (await readHistory(store, gitDir, snapshotId, range, onProgress, work.diagnostics, perCore));
    newCommits = read.commits;
    if (read.skippedTokens > 0) {
      const message = `${read.skippedTokens} parts of the git log output could not be read`;
      work.diagnostics.push(historyDiagnostic('unreadable-log', message, 'warning'));
    }
  }
  await store.insertMany(
    'snapshot_segments',
    segments.map((s) => ({ snapshot_id: snapshotId, segment_id: s })),
  );
  const tags = await listTags(gitDir, plan.commit);
  await store.insertMany(
    'tags',
    tags.map((t) => tagRow(snapshotId, t)),
  );
  return { newCommits };
}

let fromSharedLog = 0;

/** Histories this process read from a shared log to the end (a test's view of which path ran). */
export function historiesFromSharedLog(): number {
  return fromSharedLog;
}

/**
 * Read history's facts from the shared log of `commit` (git/shared-log.ts) when an analysis opened
 * one (the ownership replay reads the same log): git's diffs of the whole history then run once.
 * Null when there is none, or when it failed: its rows are removed and history reads its own log.
 */
async function readSharedLog(
  work: SnapshotWork,
  commit: string,
  onProgress: (commits: number) => void,
): Promise<HistoryReadResult | null> {
  await work.gitStartsDecided; // the analyses that work from git alone have opened what they open
  const shared = holdSharedLog(work.found.info.gitDir, commit);
  if (!shared) return null;
  try {
    const files = await shared.files;
    const gitDir = work.found.info.gitDir;
    const read = await ingestChunks(
      work.store,
      work.snapshotId,
      followParts(files),
      new PatchFactsParser(),
      (p) => onProgress(p.commits),
      (shas) => readCommits(gitDir, shas),
    );
    fromSharedLog++;
    return read;
  } catch {
    await deleteHistoryRows(work.store, work.snapshotId);
    return null;
  } finally {
    shared.release();
  }
}

/** The facts of `shas` (commits), as history's own log gives them. */
async function readCommits(gitDir: string, shas: string[]): Promise<CommitRecord[]> {
  const out = await gitOk({
    gitDir,
    args: [...LOG_ARGS, '--no-walk=unsorted', '--stdin'],
    input: `${shas.join('\n')}\n`,
  });
  const parser = new LogParser();
  return [...parser.push(out), ...parser.end()];
}

/**
 * Read history with line counts; when git cannot read some blobs (a blobless partial clone, a
 * damaged pack), read it again without line counts, so the commits are still known.
 */
async function readHistory(
  store: Store,
  gitDir: string,
  snapshotId: number,
  range: string,
  onProgress: (commits: number) => void,
  diagnostics: Diagnostic[],
  perCore: number,
): Promise<HistoryReadResult> {
  try {
    return await ingestHistory(store, gitDir, snapshotId, range, (p) => onProgress(p.commits), true, perCore);
  } catch (e) {
    if (!isMissingObjects(e)) throw e;
    const msg = (e as Error).message;
    await deleteHistoryRows(store, snapshotId);
    diagnostics.push(
      historyDiagnostic(
        'missing-objects',
        `some file contents are missing (${msg.replace(/^.*?fatal: /, '')}); history read without line counts`,
        'error',
      ),
    );
    return ingestHistory(store, gitDir, snapshotId, range, (p) => onProgress(p.commits), false, perCore);
  }
}

function historyDiagnostic(code: string, message: string, severity: Diagnostic['severity']): Diagnostic {
  return { path: '', collector: 'history', code, message, severity };
}

function tagRow(snapshotId: number, t: Awaited<ReturnType<typeof listTags>>[number]): TableRow<'tags'> {
  return {
    snapshot_id: snapshotId,
    name: t.name,
    commit_sha: t.commit,
    tag_sha: t.tagObject,
    annotated: t.tagObject ? 1 : 0,
    tagger_name: t.taggerName,
    tagger_email: t.taggerEmail,
    tagger_date: t.taggerDate,
    tagger_ts: t.taggerTs,
    subject: t.subject,
  };
}
