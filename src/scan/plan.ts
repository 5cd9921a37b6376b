// Stage 2, plan: decide what a scan of one repository must read and run. A new commit is read
// incrementally or in full; the same commit is a no-op unless a collector or an analysis changed
// (its version, or the office inputs it reads): then a new snapshot of the same commit re-collects,
// runs the changed analyses again, and keeps the others' results (DESIGN.md rules 5 and 6).
import { CtoError } from '../errors.ts';
import { hasAnyRef, hasObject, headRef, isAncestor, resolveCommit } from '../git/refs.ts';
import { type PluginRun, pluginsOf } from '../store/snapshot-plugins.ts';
import { getSnapshot, type RepositoryRow } from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';
import { TOOL_VERSION } from '../version.ts';

export type Plan =
  | { kind: 'unchanged'; commit: string; ref: string | null; currentId: number }
  /**
   * History extends the current snapshot's: read only `range` (null when no new commit). `keep`: the
   * analyses whose results are the base snapshot's, kept as they are (only when the commit is the same).
   */
  | {
      kind: 'incremental';
      commit: string;
      ref: string | null;
      baseId: number;
      range: string | null;
      keep: readonly string[];
    }
  | { kind: 'full'; commit: string; ref: string | null; reason: 'first scan' | 'history rewritten' };

/** A plan that writes a snapshot. */
export type WritePlan = Exclude<Plan, { kind: 'unchanged' }>;

/** The plugins a scan runs now: the records it compares with a snapshot's, and the analyses in run order. */
export interface WantedPlugins {
  runs: readonly PluginRun[];
  analyses: ReadonlyArray<{ id: string; after?: readonly string[] }>;
}

/**
 * The plan for the repository's next current snapshot. With no current snapshot, `fallbackBaseId` (the
 * latest historical snapshot just written by `--history`) is extended when the commit descends from it.
 */
export async function planSnapshot(
  store: Store,
  repo: RepositoryRow,
  gitDir: string,
  rev: string | undefined,
  wanted: WantedPlugins,
  fallbackBaseId: number | null = null,
): Promise<Plan> {
  const commit = await resolveCommit(gitDir, rev ?? 'HEAD');
  if (!commit) {
    if (rev !== undefined && (await hasAnyRef(gitDir)))
      throw new CtoError('BAD_REVISION', `revision "${rev}" does not name a commit`);
    throw new CtoError('EMPTY_REPOSITORY', 'the repository has no commits yet');
  }
  const ref = rev ?? (await headRef(gitDir));
  const current =
    repo.current_snapshot_id === null ? undefined : await getSnapshot(store, repo.current_snapshot_id);
  if (current) return planFrom(store, current, gitDir, { commit, ref }, wanted, true);
  const base = fallbackBaseId === null ? undefined : await getSnapshot(store, fallbackBaseId);
  if (!base) return { kind: 'full', commit, ref, reason: 'first scan' };
  return planFrom(store, base, gitDir, { commit, ref }, wanted, false);
}

/** The snapshot a plan compares with: its commit and the tool that wrote it. */
export interface PlanBase {
  id: number;
  commit_sha: string;
  tool_version: string;
}

/**
 * The plan for a snapshot of `target` that extends `base` where it can. The same commit with the same
 * plugins is `unchanged` when `unchangedAllowed`; otherwise (a new snapshot of it is wanted) every
 * analysis's results are kept.
 */
export async function planFrom(
  store: Store,
  base: PlanBase,
  gitDir: string,
  target: { commit: string; ref: string | null },
  wanted: WantedPlugins,
  unchangedAllowed: false,
): Promise<WritePlan>;
export async function planFrom(
  store: Store,
  base: PlanBase,
  gitDir: string,
  target: { commit: string; ref: string | null },
  wanted: WantedPlugins,
  unchangedAllowed: boolean,
): Promise<Plan>;
export async function planFrom(
  store: Store,
  base: PlanBase,
  gitDir: string,
  target: { commit: string; ref: string | null },
  wanted: WantedPlugins,
  unchangedAllowed: boolean,
): Promise<Plan> {
  const { commit, ref } = target;
  if (base.commit_sha === commit && base.tool_version === TOOL_VERSION) {
    const rerun = sameCommitRerun(await pluginsOf(store, base.id), wanted);
    if (rerun === null && unchangedAllowed) return { kind: 'unchanged', commit, ref, currentId: base.id };
    const keep = rerun?.keep ?? wanted.analyses.map((a) => a.id);
    return { kind: 'incremental', commit, ref, baseId: base.id, range: null, keep };
  }
  // A force-push or reset leaves the old commit out of the history: read it all again.
  const extends_ =
    (await hasObject(gitDir, base.commit_sha)) && (await isAncestor(gitDir, base.commit_sha, commit));
  if (!extends_)
    return { kind: 'full', commit, ref, reason: unchangedAllowed ? 'history rewritten' : 'first scan' };
  const range = base.commit_sha === commit ? null : `${base.commit_sha}..${commit}`;
  return { kind: 'incremental', commit, ref, baseId: base.id, range, keep: [] };
}

/**
 * What a rescan of the commit a snapshot was made of must do, given the plugins that made it: null
 * when nothing changed. Otherwise every analysis runs again when the collectors changed (a version, one
 * added or removed); else only the analyses that changed (version or office inputs) or are new, and
 * those that read their results (`after`), and `keep` lists the others.
 */
export function sameCommitRerun(
  recorded: readonly PluginRun[],
  wanted: WantedPlugins,
): { keep: string[] } | null {
  const key = (r: PluginRun) => `${r.kind}\0${r.id}\0${r.version}\0${r.inputs ?? ''}`;
  const collectors = (runs: readonly PluginRun[]) =>
    runs
      .filter((r) => r.kind === 'collector')
      .map(key)
      .sort()
      .join('\n');
  const have = new Set(recorded.map(key));
  const changed = new Set(
    wanted.runs.filter((r) => r.kind === 'analysis' && !have.has(key(r))).map((r) => r.id),
  );
  const collectorsChanged = collectors(recorded) !== collectors(wanted.runs);
  if (!collectorsChanged && changed.size === 0) return null;
  if (collectorsChanged) return { keep: [] };
  // In run order, an analysis comes after those it reads: one pass finds every reader, transitively.
  for (const a of wanted.analyses) if ((a.after ?? []).some((id) => changed.has(id))) changed.add(a.id);
  return { keep: wanted.analyses.filter((a) => !changed.has(a.id)).map((a) => a.id) };
}
