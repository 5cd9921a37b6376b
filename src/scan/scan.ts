// The pipeline for one repository: plan -> collect history -> collect tree -> commit.
// Every failure of one repository ends as a `failed` outcome; it never stops the others.
import type { Analysis } from '../analyses/types.ts';
import type { Diagnostic, FileCollector } from '../collectors/types.ts';
import { CtoError, isCtoError } from '../errors.ts';
import { type BudgetSettings, budgetFor, DEFAULT_BUDGET_SETTINGS, withGitBudget } from '../git/budget.ts';
import { isMissingObjects } from '../git/invoke.ts';
import { listTags, objectsSize } from '../git/refs.ts';
import {
  cleanAbandoned,
  createSnapshot,
  deleteHistoryRows,
  failSnapshot,
  fileFactsByBlob,
  finishSnapshot,
  getSnapshot,
  historyStats,
  type RepositoryRow,
  segmentsOf,
  upsertRepository,
} from '../store/snapshots.ts';
import type { Row, Store } from '../store/store.ts';
import { TOOL_VERSION } from '../version.ts';
import { runAnalyses } from './analyse.ts';
import type { FoundRepository } from './discover.ts';
import { storeCollected } from './facts.ts';
import { ingestHistory } from './history.ts';
import {
  type GitLocation,
  locateGit,
  locationDiagnostics,
  realOrSame,
  sameRepositoryDiagnostics,
} from './identity.ts';
import { lockRepository } from './lock.ts';
import { type Plan, planSnapshot } from './plan.ts';
import type { OnStage, StageEvent } from './stages.ts';
import { ingestTree } from './tree.ts';

/** `skipped`: another scan of the repository was running (the lock); nothing was written. */
export type RepoStatus = 'ok' | 'partial' | 'unchanged' | 'skipped' | 'failed';

export interface RepoOutcome {
  name: string;
  path: string;
  status: RepoStatus;
  snapshotId: number | null;
  commit: string | null;
  ref: string | null;
  historyMode: 'full' | 'incremental' | null;
  newCommits: number;
  commits: number;
  authors: number;
  files: number;
  firstCommitAt: string | null;
  lastCommitAt: string | null;
  diagnostics: Diagnostic[];
  error: { code: string; message: string } | null;
  durationMs: number;
}

export interface Plugins {
  collectors: readonly FileCollector[];
  analyses: readonly Analysis[];
}

export interface ScanOptions {
  rev?: string;
  maxFileSize: number;
  collectors: readonly FileCollector[];
  /** Analyses run on each new snapshot; empty to collect facts only. */
  analyses: readonly Analysis[];
  /** When given, supplies the collectors and analyses instead, on the first repository with something new. */
  loadPlugins?: () => Promise<Plugins>;
  workspace: { dir: string; config: Record<string, unknown> };
  /** How long to wait for another scan of the same repository to end before skipping it (default 0). */
  lockWaitMs?: number;
  /** The stage the scan of a repository is in, with counts (for progress on a terminal). */
  onStage?: (repo: string, event: StageEvent) => void;
  /** Bounds of every git process and of the tree (default: DEFAULT_BUDGET_SETTINGS). */
  budget?: BudgetSettings;
}

/**
 * Scan one repository. Every git process it starts, in any stage or analysis, runs under the
 * repository's budget: `options.budget` with its `auto` bounds scaled to the size of the objects.
 */
export async function scanRepository(
  store: Store,
  found: FoundRepository,
  options: ScanOptions,
): Promise<RepoOutcome> {
  const size = await objectsSize(found.info.gitDir).catch(() => 0);
  const budget = budgetFor(options.budget ?? DEFAULT_BUDGET_SETTINGS, size);
  return withGitBudget(budget, () => scanWithinBudget(store, found, options));
}

async function scanWithinBudget(
  store: Store,
  found: FoundRepository,
  options: ScanOptions,
): Promise<RepoOutcome> {
  const started = Date.now();
  const outcome = newOutcome(found);
  let snapshotId: number | null = null;
  let release: (() => Promise<void>) | null = null;
  try {
    const onStage: OnStage = (e) => options.onStage?.(found.name, e);
    release = await lockRepository(store, found.info.commonDir, options.lockWaitMs ?? 0, onStage);
    const repo = await upsertRepository(store, found.info.commonDir, found.name, found.path);
    outcome.name = repo.name; // the store's name: unique across every repository scanned so far
    await cleanAbandoned(store, repo.id);
    const location = await locateGit(found);
    // Collected before the snapshot exists; stored with it by `collect`.
    outcome.diagnostics = await whereFrom(found, location, repo);
    const plan = await planSnapshot(store, repo, found.info.gitDir, options.rev);
    outcome.commit = plan.commit;
    outcome.ref = plan.ref;
    if (plan.kind === 'unchanged') {
      outcome.diagnostics = [];
      await fillFromSnapshot(store, plan.currentId, outcome);
      outcome.status = 'unchanged';
      return outcome;
    }
    snapshotId = await createSnapshot(store, {
      repositoryId: repo.id,
      commit: plan.commit,
      ref: plan.ref,
      historyMode: plan.kind,
      baseSnapshotId: plan.kind === 'incremental' ? plan.baseId : null,
      toolVersion: TOOL_VERSION,
      shallow: found.info.shallow,
      location,
    });
    outcome.snapshotId = snapshotId;
    outcome.historyMode = plan.kind;
    const ids = { repositoryId: repo.id, snapshotId, previousSnapshotId: repo.current_snapshot_id };
    await collect(store, found, plan, ids, options, outcome);
    return outcome;
  } catch (e) {
    const err = classifyGitError(e);
    outcome.status = err.code === 'SCAN_IN_PROGRESS' ? 'skipped' : 'failed';
    outcome.error = { code: err.code, message: err.message };
    if (snapshotId !== null) await failSnapshot(store, snapshotId, err.message).catch(() => {});
    return outcome;
  } finally {
    await release?.().catch(() => {});
    outcome.durationMs = Date.now() - started;
  }
}

function newOutcome(found: FoundRepository): RepoOutcome {
  return {
    name: found.name,
    path: found.path,
    status: 'failed',
    snapshotId: null,
    commit: null,
    ref: null,
    historyMode: null,
    newCommits: 0,
    commits: 0,
    authors: 0,
    files: 0,
    firstCommitAt: null,
    lastCommitAt: null,
    diagnostics: [],
    error: null,
    durationMs: 0,
  };
}

/** Objects read from outside the scanned folder, and other paths to the same repository. */
async function whereFrom(
  found: FoundRepository,
  location: GitLocation,
  repo: RepositoryRow,
): Promise<Diagnostic[]> {
  const stored = { name: repo.name, realPath: await realOrSame(repo.path) };
  return [...locationDiagnostics(location), ...sameRepositoryDiagnostics(location, found.aliases, stored)];
}

async function collect(
  store: Store,
  found: FoundRepository,
  plan: Exclude<Plan, { kind: 'unchanged' }>,
  ids: { repositoryId: number; snapshotId: number; previousSnapshotId: number | null },
  options: ScanOptions,
  outcome: RepoOutcome,
): Promise<void> {
  const { snapshotId } = ids;
  const gitDir = found.info.gitDir;
  const diagnostics: Diagnostic[] = [...outcome.diagnostics];
  if (found.info.shallow) {
    diagnostics.push({
      path: '',
      collector: 'history',
      code: 'shallow-clone',
      message: 'shallow clone: history before the shallow boundary is missing, so counts are partial',
      severity: 'warning',
    });
  }
  // History: the base snapshot's segments plus what this snapshot ingests.
  const segments = plan.kind === 'incremental' ? await segmentsOf(store, plan.baseId) : [];
  const range = plan.kind === 'incremental' ? plan.range : plan.commit;
  if (range !== null) {
    const read = await readHistory(
      store,
      gitDir,
      snapshotId,
      range,
      (commits) => options.onStage?.(found.name, { stage: 'history', commits }),
      diagnostics,
    );
    outcome.newCommits = read.commits;
    if (read.skippedTokens > 0) {
      diagnostics.push({
        path: '',
        collector: 'history',
        code: 'unreadable-log',
        message: `${read.skippedTokens} parts of the git log output could not be read`,
        severity: 'warning',
      });
    }
  }
  segments.push(snapshotId);
  await store.insertMany(
    'snapshot_segments',
    segments.map((s) => ({ snapshot_id: snapshotId, segment_id: s })),
  );
  // Tree: reuse what the previous snapshot knew about unchanged blobs.
  const reuse = plan.kind === 'incremental' ? await fileFactsByBlob(store, plan.baseId) : new Map();
  const plugins = options.loadPlugins ? await options.loadPlugins() : options;
  const tree = await ingestTree(store, gitDir, snapshotId, plan.commit, reuse, {
    maxFileSize: options.maxFileSize,
    collectors: plugins.collectors,
    onStage: (e) => options.onStage?.(found.name, e),
  });
  diagnostics.push(...tree.diagnostics);
  await storeCollected(store, snapshotId, tree.collected);
  const tags = await listTags(gitDir, plan.commit);
  await store.insertMany(
    'tags',
    tags.map((t) => tagRow(snapshotId, t)),
  );
  const analysed = await runAnalyses(
    plugins.analyses,
    {
      store,
      snapshotId,
      repositoryId: ids.repositoryId,
      repositoryName: found.name,
      gitDir,
      commit: plan.commit,
      segments,
      previousSnapshotId: ids.previousSnapshotId,
      config: options.workspace.config,
      workspaceDir: options.workspace.dir,
    },
    (e) => options.onStage?.(found.name, e),
  );
  options.onStage?.(found.name, { stage: 'finish' });
  diagnostics.push(...analysed);
  await store.insertMany(
    'diagnostics',
    diagnostics.map((d) => diagnosticRow(snapshotId, d)),
  );
  const history = await historyStats(store, segments);
  // Partial means git data is missing (shallow history, unreadable objects); a bad manifest is only a diagnostic.
  const partial =
    found.info.shallow ||
    diagnostics.some((d) => d.severity === 'error' && (d.collector === 'tree' || d.collector === 'history'));
  await finishSnapshot(store, ids.repositoryId, snapshotId, {
    status: partial ? 'partial' : 'ok',
    history,
    files: tree.files,
    diagnostics: diagnostics.length,
  });
  Object.assign(outcome, {
    status: partial ? 'partial' : 'ok',
    commits: history.commits,
    authors: history.authors,
    files: tree.files,
    firstCommitAt: history.firstCommitAt,
    lastCommitAt: history.lastCommitAt,
    diagnostics,
  });
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
) {
  try {
    return await ingestHistory(store, gitDir, snapshotId, range, (p) => onProgress(p.commits));
  } catch (e) {
    if (!isMissingObjects(e)) throw e;
    const msg = (e as Error).message;
    await deleteHistoryRows(store, snapshotId);
    diagnostics.push({
      path: '',
      collector: 'history',
      code: 'missing-objects',
      message: `some file contents are missing (${msg.replace(/^.*?fatal: /, '')}); history read without line counts`,
      severity: 'error',
    });
    return ingestHistory(store, gitDir, snapshotId, range, (p) => onProgress(p.commits), false);
  }
}

async function fillFromSnapshot(store: Store, id: number, outcome: RepoOutcome): Promise<void> {
  const s = await getSnapshot(store, id);
  if (!s) return;
  Object.assign(outcome, {
    snapshotId: s.id,
    historyMode: s.history_mode,
    commits: s.commits_count,
    authors: s.authors_count,
    files: s.files_count,
    firstCommitAt: s.first_commit_at,
    lastCommitAt: s.last_commit_at,
  });
}

function tagRow(snapshotId: number, t: Awaited<ReturnType<typeof listTags>>[number]): Row {
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

function diagnosticRow(snapshotId: number, d: Diagnostic): Row {
  return {
    snapshot_id: snapshotId,
    path: d.path || null,
    collector: d.collector,
    code: d.code,
    severity: d.severity,
    message: d.message,
  };
}

/** git failures that mean damaged objects get their own code, so the user knows what to repair. */
function classifyGitError(e: unknown): CtoError {
  if (isCtoError(e) && e.code !== 'GIT_FAILED') return e;
  const msg = (e as Error).message ?? String(e);
  if (
    /corrupt|bad object|unable to read|could not read|loose object|packfile|invalid object|did not match/i.test(
      msg,
    )
  ) {
    return new CtoError('CORRUPT_REPOSITORY', `git objects cannot be read: ${msg}`);
  }
  return isCtoError(e) ? e : new CtoError('GIT_FAILED', msg);
}
