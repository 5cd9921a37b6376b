// The pipeline for one repository, as named stages (DESIGN.md): plan -> history, tree -> collect,
// analyse (each analysis once the facts it needs are stored) -> commit -> register, under the repository's lock and git budget. Every failure of one repository
// ends as a `failed` outcome; it never stops the others.

import { FACT_STAGES, type FactStage } from '../analyses/types.ts';
import type { Diagnostic } from '../collectors/types.ts';
import { CtoError, isCtoError } from '../errors.ts';
import { type BudgetSettings, budgetFor, DEFAULT_BUDGET_SETTINGS, withGitBudget } from '../git/budget.ts';
import { countObjects, headRef, type ObjectCount, resolveCommit } from '../git/refs.ts';
import type { OfficeWorkspace } from '../office/inputs.ts';
import { referenceDay } from '../reference-date.ts';
import {
  cleanAbandoned,
  createSnapshot,
  failSnapshot,
  getSnapshot,
  type RepositoryRow,
  upsertRepository,
} from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';
import { TOOL_VERSION } from '../version.ts';
import { analyseStage } from './analyse.ts';
import { collectStage } from './collect.ts';
import { commitStage } from './commit.ts';
import type { FoundRepository } from './discover.ts';
import { historySegments, historyStage } from './history.ts';
import { type HistoryPointOutcome, scanHistoryPoints } from './history-points.ts';
import {
  type GitLocation,
  locateGit,
  locationDiagnostics,
  realOrSame,
  sameRepositoryDiagnostics,
} from './identity.ts';
import { lockRepository } from './lock.ts';
import type { HistorySpec } from './periods.ts';
import { planSnapshot, type WantedPlugins, type WritePlan } from './plan.ts';
import { type PluginSource, pluginRuns } from './plugins.ts';
import { registerStage } from './register.ts';
import type { OnStage, SnapshotWork, StageEvent } from './stages.ts';
import { treeStage } from './tree.ts';
import { unchangedOutcomes } from './unchanged.ts';

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
  /** The historical snapshots `--history` asked for, oldest first; empty without it. */
  history: HistoryPointOutcome[];
}

export interface ScanOptions {
  rev?: string;
  maxFileSize: number;
  /** The collectors and analyses: what they declare to plan, themselves when a repository has something new. */
  plugins: PluginSource;
  workspace: OfficeWorkspace;
  /** How long to wait for another scan of the same repository to end before skipping it (default 0). */
  lockWaitMs?: number;
  /** The stage the scan of a repository is in, with counts (for progress on a terminal). */
  onStage?: (repo: string, event: StageEvent) => void;
  /** Bounds of every git process and of the tree (default: DEFAULT_BUDGET_SETTINGS). */
  budget?: BudgetSettings;
  /** Also write historical snapshots at these period ends (`--history 8q`), before `today`. */
  history?: HistorySpec;
  /** The reference date history counts back from, YYYY-MM-DD (default: today, UTC). */
  today?: string;
  /**
   * Run the stages that do not depend on each other at once (default true); false runs them one
   * after the other, each analysis alone, as a reference that must store the same rows.
   */
  overlap?: boolean;
}

/**
 * Scan one repository. Every git process it starts, in any stage or analysis, runs under the
 * repository's budget: `options.budget` with its `auto` bounds scaled to the size of the objects.
 */
export async function scanRepository(
  store: Store,
  found: FoundRepository,
  options: ScanOptions,
  /** true when the caller already asked `unchangedOutcomes` of this repository (runScan does for all). */
  fastPathAsked = false,
): Promise<RepoOutcome> {
  // A no-op decided without git, a lock or a write; what it cannot decide, the plan decides below.
  if (!fastPathAsked) {
    const started = Date.now();
    const quick = (await unchangedOutcomes(store, [found], options).catch(() => null))?.get(found);
    if (quick) return { ...quick, durationMs: Date.now() - started };
  }
  // One `git count-objects` gives the size the budget scales with and the alternates (identity.ts).
  const counted = await countObjects(found.info.gitDir).catch(() => null);
  const budget = budgetFor(options.budget ?? DEFAULT_BUDGET_SETTINGS, counted?.bytes ?? 0);
  return withGitBudget(budget, () => scanWithinBudget(store, found, options, counted));
}

async function scanWithinBudget(
  store: Store,
  found: FoundRepository,
  options: ScanOptions,
  counted: ObjectCount | null,
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
    const location = await locateGit(found, counted);
    // Collected before the snapshot exists; stored with it by the commit stage.
    outcome.diagnostics = await whereFrom(found, location, repo);
    const declared = await options.plugins.declarations();
    // One reference day for the whole scan, even one that runs past midnight.
    const workspace = { ...options.workspace, today: referenceDay(options.today ?? options.workspace.today) };
    const runs = pluginRuns(declared, workspace);
    const wanted = { runs, analyses: declared.filter((d) => d.kind === 'analysis') };
    const past = options.history
      ? await historyFirst(
          store,
          found,
          repo,
          { ...options, history: options.history, today: workspace.today, workspace },
          { runs, wanted, onStage },
        )
      : { points: [], latest: null };
    outcome.history = past.points;
    const plan = await planSnapshot(store, repo, found.info.gitDir, options.rev, wanted, past.latest);
    outcome.commit = plan.commit;
    outcome.ref = plan.ref;
    if (plan.kind === 'unchanged') {
      outcome.diagnostics = [];
      await fillFromSnapshot(store, plan.currentId, outcome);
      outcome.status = 'unchanged';
      return outcome;
    }
    snapshotId = await openSnapshot(store, found, repo.id, plan, location);
    outcome.snapshotId = snapshotId;
    outcome.historyMode = plan.kind;
    const work: SnapshotWork = {
      store,
      found,
      plan,
      repositoryId: repo.id,
      snapshotId,
      previousSnapshotId: repo.current_snapshot_id ?? (plan.kind === 'incremental' ? plan.baseId : null),
      asOf: null,
      plugins: await options.plugins.load(),
      runs,
      maxFileSize: options.maxFileSize,
      workspace,
      onStage,
      diagnostics: [...outcome.diagnostics],
      overlap: options.overlap ?? true,
    };
    return Object.assign(outcome, await runStages(work));
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
  return failedOutcome(found.name, found.path, null, null);
}

/** An outcome that ended before anything was scanned: failed, with nothing counted. */
export function failedOutcome(
  name: string,
  path: string,
  ref: string | null,
  error: RepoOutcome['error'],
): RepoOutcome {
  return {
    name,
    path,
    status: 'failed',
    snapshotId: null,
    commit: null,
    ref,
    historyMode: null,
    newCommits: 0,
    commits: 0,
    authors: 0,
    files: 0,
    firstCommitAt: null,
    lastCommitAt: null,
    diagnostics: [],
    error,
    durationMs: 0,
    history: [],
  };
}

/** The historical snapshots of `--history`, oldest first, before the current snapshot is planned. */
async function historyFirst(
  store: Store,
  found: FoundRepository,
  repo: RepositoryRow,
  options: ScanOptions & { history: HistorySpec },
  shared: { runs: SnapshotWork['runs']; wanted: WantedPlugins; onStage: OnStage },
): Promise<{ points: HistoryPointOutcome[]; latest: number | null }> {
  const commit = await resolveCommit(found.info.gitDir, options.rev ?? 'HEAD');
  if (!commit) return { points: [], latest: null }; // the plan says why
  const ref = options.rev ?? (await headRef(found.info.gitDir));
  const template = {
    store,
    found,
    repositoryId: repo.id,
    plugins: await options.plugins.load(),
    runs: shared.runs,
    maxFileSize: options.maxFileSize,
    workspace: options.workspace,
    onStage: shared.onStage,
    overlap: options.overlap ?? true,
  };
  return scanHistoryPoints(
    { template, tip: { commit, ref }, wanted: shared.wanted, shallow: found.info.shallow, runStages },
    options.history,
    options.today ?? new Date().toISOString().slice(0, 10),
  );
}

/**
 * The stages after plan; what they give the outcome. History and tree start together, collect
 * follows tree, each analysis starts once the facts it needs are stored; commit waits for all. Each
 * stage keeps its own diagnostics, stored in the order the stages used to run one after the other.
 */
async function runStages(work: SnapshotWork): Promise<Partial<RepoOutcome>> {
  const segments = await historySegments(work);
  // With the stages at once, history waits for the analyses' starts from git: one may open a log for it to share.
  let gitStarted = () => {};
  const gitStartsDecided = work.overlap ? new Promise<void>((r) => (gitStarted = r)) : Promise.resolve();
  const own = (): SnapshotWork => ({ ...work, diagnostics: [], gitStartsDecided });
  const views = { history: own(), tree: own(), collect: own(), analyse: own() };
  const ended = (name: string) => () => work.onStage({ stage: 'done', name });
  // `overlap: false` runs the same stages one after the other, each analysis alone.
  const after = (p: Promise<unknown>) => (work.overlap ? Promise.resolve() : p.then(() => {}));
  const history = historyStage(views.history, segments).finally(ended('history'));
  const tree = after(history)
    .then(() => treeStage(views.tree))
    .finally(ended('tree'));
  const collect = tree
    .then(async (t) => {
      await collectStage(views.collect, t.inputs);
      t.inputs.clear(); // the contents collectors read are not held until the commit stage
    })
    .finally(ended('collectors'));
  const facts: Record<FactStage, Promise<unknown>> = { history, tree, collect };
  const analyse = after(collect)
    .then(() =>
      analyseStage(
        views.analyse,
        segments,
        (a) => Promise.all((a.needs ?? FACT_STAGES).map((stage) => facts[stage])),
        work.overlap ? undefined : 1,
        gitStarted,
      ),
    )
    .finally(gitStarted);
  // Every stage ends before the scan does, even when one failed: nothing writes to a failed snapshot later.
  const settled = await Promise.allSettled([history, tree, collect, analyse]);
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  for (const v of Object.values(views)) for (const d of v.diagnostics) work.diagnostics.push(d);
  const read = await history;
  const { files } = await tree;
  const done = await commitStage(work, segments, files);
  await registerStage(work);
  return {
    status: done.status,
    newCommits: read.newCommits,
    commits: done.history.commits,
    authors: done.history.authors,
    files,
    firstCommitAt: done.history.firstCommitAt,
    lastCommitAt: done.history.lastCommitAt,
    diagnostics: work.diagnostics,
  };
}

/** A new snapshot in state `running`, written by the stages and made current by the last. */
function openSnapshot(
  store: Store,
  found: FoundRepository,
  repositoryId: number,
  plan: WritePlan,
  location: GitLocation,
): Promise<number> {
  return createSnapshot(store, {
    repositoryId,
    commit: plan.commit,
    ref: plan.ref,
    historyMode: plan.kind,
    baseSnapshotId: plan.kind === 'incremental' ? plan.baseId : null,
    toolVersion: TOOL_VERSION,
    shallow: found.info.shallow,
    location,
  });
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

type SnapshotRow = NonNullable<Awaited<ReturnType<typeof getSnapshot>>>;

/** What an outcome reports of a stored snapshot (a rescan that found nothing new says the same). */
export function snapshotFigures(
  s: Pick<
    SnapshotRow,
    | 'id'
    | 'history_mode'
    | 'commits_count'
    | 'authors_count'
    | 'files_count'
    | 'first_commit_at'
    | 'last_commit_at'
  >,
) {
  return {
    snapshotId: s.id,
    historyMode: s.history_mode,
    commits: s.commits_count,
    authors: s.authors_count,
    files: s.files_count,
    firstCommitAt: s.first_commit_at,
    lastCommitAt: s.last_commit_at,
  };
}

async function fillFromSnapshot(store: Store, id: number, outcome: RepoOutcome): Promise<void> {
  const s = await getSnapshot(store, id);
  if (s) Object.assign(outcome, snapshotFigures(s));
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
