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

/** The plugins a scan runs now: the records it compares with a snapshot's, and the analyses in run order. */
export interface WantedPlugins {
  runs: readonly PluginRun[];
  analyses: ReadonlyArray<{ id: string; after?: readonly string[] }>;
}

export async function planSnapshot(
  store: Store,
  repo: RepositoryRow,
  gitDir: string,
  rev: string | undefined,
  wanted: WantedPlugins,
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
  if (!current) return { kind: 'full', commit, ref, reason: 'first scan' };
  if (current.commit_sha === commit && current.tool_version === TOOL_VERSION) {
    const rerun = sameCommitRerun(await pluginsOf(store, current.id), wanted);
    if (rerun === null) return { kind: 'unchanged', commit, ref, currentId: current.id };
    return { kind: 'incremental', commit, ref, baseId: current.id, range: null, keep: rerun.keep };
  }
  // A force-push or reset leaves the old commit out of the history: read it all again.
  const extends_ =
    (await hasObject(gitDir, current.commit_sha)) && (await isAncestor(gitDir, current.commit_sha, commit));
  if (!extends_) return { kind: 'full', commit, ref, reason: 'history rewritten' };
  const range = current.commit_sha === commit ? null : `${current.commit_sha}..${commit}`;
  return { kind: 'incremental', commit, ref, baseId: current.id, range, keep: [] };
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
