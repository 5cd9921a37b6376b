// Stage 2, snapshot: decide what a scan of one repository must read.
import { CtoError } from '../errors.ts';
import { hasAnyRef, hasObject, headRef, isAncestor, resolveCommit } from '../git/refs.ts';
import { getSnapshot, type RepositoryRow } from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';
import { TOOL_VERSION } from '../version.ts';

export type Plan =
  | { kind: 'unchanged'; commit: string; ref: string | null; currentId: number }
  /** History extends the current snapshot's: read only `range` (null when no new commit). */
  | { kind: 'incremental'; commit: string; ref: string | null; baseId: number; range: string | null }
  | { kind: 'full'; commit: string; ref: string | null; reason: 'first scan' | 'history rewritten' };

export async function planSnapshot(
  store: Store,
  repo: RepositoryRow,
  gitDir: string,
  rev: string | undefined,
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
    return { kind: 'unchanged', commit, ref, currentId: current.id };
  }
  // A force-push or reset leaves the old commit out of the new history: read it all again.
  const extends_ =
    (await hasObject(gitDir, current.commit_sha)) && (await isAncestor(gitDir, current.commit_sha, commit));
  if (!extends_) return { kind: 'full', commit, ref, reason: 'history rewritten' };
  const range = current.commit_sha === commit ? null : `${current.commit_sha}..${commit}`;
  return { kind: 'incremental', commit, ref, baseId: current.id, range };
}
