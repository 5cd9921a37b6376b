// `scan --history`: historical snapshots of one repository at the last commit on the scanned line
// before each period end (docs/scan.md). Points are scanned oldest first, each extending the one
// before it, so git history is read once, blob facts and unchanged files' results are reused, and a
// point whose commit is the previous point's keeps every analysis's results. A point already stored
// (same date, same commit) is not scanned again. Each point is told the commits snapshotted after it,
// so an analysis reading history (ownership) serves every point and the tip from one pass. Historical snapshots are never made current.
import { commitAtOrBefore } from '../git/refs.ts';
import { createSnapshot, failSnapshot, historicalPoints } from '../store/snapshots.ts';
import { TOOL_VERSION } from '../version.ts';
import { endOfDayInstant, type HistorySpec, periodEnds } from './periods.ts';
import { type PlanBase, planFrom, type WantedPlugins, type WritePlan } from './plan.ts';
import type { SnapshotWork } from './stages.ts';

export type PointStatus = 'written' | 'stored' | 'failed' | 'no-commit';

export interface HistoryPointOutcome {
  /** The period end (YYYY-MM-DD). */
  asOf: string;
  /** The commit at that date; null when the repository had no commit yet. */
  commit: string | null;
  snapshotId: number | null;
  status: PointStatus;
  error: string | null;
}

/** What the points share with the scan of the current snapshot (its plan is made after them). */
interface PointsContext {
  /** The work of a snapshot, without what each point sets. */
  template: Omit<SnapshotWork, 'plan' | 'snapshotId' | 'previousSnapshotId' | 'asOf' | 'diagnostics'>;
  /** The commit the scan reads (the tip of the scanned line) and its ref. */
  tip: { commit: string; ref: string | null };
  wanted: WantedPlugins;
  shallow: boolean;
  /** The stages after plan, run on one snapshot. */
  runStages: (work: SnapshotWork) => Promise<unknown>;
}

/**
 * Scan the historical points of `spec` before `reference` (YYYY-MM-DD). Returns what happened at each,
 * and the latest point's snapshot (a base for the current snapshot).
 */
export async function scanHistoryPoints(
  ctx: PointsContext,
  spec: HistorySpec,
  reference: string,
): Promise<{ points: HistoryPointOutcome[]; latest: number | null }> {
  const { store, repositoryId, found } = ctx.template;
  const stored = await historicalPoints(store, repositoryId);
  const points: HistoryPointOutcome[] = [];
  let previous: PlanBase | null = null;
  const ends: Array<{ asOf: string; commit: string | null }> = [];
  for (const asOf of periodEnds(spec, reference))
    ends.push({
      asOf,
      commit: await commitAtOrBefore(found.info.gitDir, ctx.tip.commit, endOfDayInstant(asOf)),
    });
  // The commits snapshotted after each point, so analyses that read history serve them in one pass.
  const toScan = ends.map(({ asOf, commit }) =>
    commit !== null && stored.get(asOf)?.commit !== commit ? commit : null,
  );
  for (const [i, { asOf, commit }] of ends.entries()) {
    if (commit === null) {
      points.push({ asOf, commit, snapshotId: null, status: 'no-commit', error: null });
      continue;
    }
    const have = stored.get(asOf);
    if (have && have.commit === commit) {
      points.push({ asOf, commit, snapshotId: have.id, status: 'stored', error: null });
      previous = { id: have.id, commit_sha: commit, tool_version: TOOL_VERSION };
      continue;
    }
    const later = [...toScan.slice(i + 1).filter((c) => c !== null), ctx.tip.commit];
    const outcome = await scanPoint(ctx, asOf, commit, previous, later);
    points.push(outcome);
    if (outcome.status === 'written' && outcome.snapshotId !== null)
      previous = { id: outcome.snapshotId, commit_sha: commit, tool_version: TOOL_VERSION };
  }
  return { points, latest: previous?.id ?? null };
}

async function scanPoint(
  ctx: PointsContext,
  asOf: string,
  commit: string,
  previous: PlanBase | null,
  later: readonly string[],
): Promise<HistoryPointOutcome> {
  const { store, repositoryId, found } = ctx.template;
  const target = { commit, ref: ctx.tip.ref };
  const plan: WritePlan =
    previous === null
      ? { kind: 'full', ...target, reason: 'first scan' }
      : await planFrom(store, previous, found.info.gitDir, target, ctx.wanted, false);
  const snapshotId = await createSnapshot(store, {
    repositoryId,
    commit,
    ref: ctx.tip.ref,
    historyMode: plan.kind,
    baseSnapshotId: plan.kind === 'incremental' ? plan.baseId : null,
    toolVersion: TOOL_VERSION,
    shallow: ctx.shallow,
    asOf,
  });
  try {
    await ctx.runStages({
      ...ctx.template,
      plan,
      snapshotId,
      previousSnapshotId: previous?.id ?? null,
      asOf,
      later,
      diagnostics: [],
    });
    return { asOf, commit, snapshotId, status: 'written', error: null };
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    await failSnapshot(store, snapshotId, message).catch(() => {});
    return { asOf, commit, snapshotId, status: 'failed', error: message };
  }
}
