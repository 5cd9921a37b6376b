// The no-op fast path: which repositories a rescan would find `unchanged`, decided for all of them at
// once from their files (HEAD and its ref, src/git/ref-files.ts) and three queries of the store, with
// no git process, no lock taken and nothing written. A repository it cannot decide (an unusual layout,
// a new commit, no snapshot yet, a scan holding its lock, --rev or --history) goes through the whole
// pipeline (scan.ts), whose plan decides the same way with git.
import { headFromFiles } from '../git/ref-files.ts';
import { referenceDay } from '../reference-date.ts';
import { currentByKey } from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';
import { TOOL_VERSION } from '../version.ts';
import type { FoundRepository } from './discover.ts';
import { sameCommitRerun } from './plan.ts';
import { pluginRuns } from './plugins.ts';
import { failedOutcome, type RepoOutcome, type ScanOptions, snapshotFigures } from './scan.ts';

/**
 * The outcome of each repository that is unchanged since its current snapshot: its HEAD names the
 * snapshot's commit, the snapshot was written by this version, with the same collectors and analyses
 * (versions and office inputs). Repositories left out are to be scanned.
 */
export async function unchangedOutcomes(
  store: Store,
  repositories: readonly FoundRepository[],
  options: Pick<ScanOptions, 'rev' | 'history' | 'plugins' | 'workspace' | 'today'>,
): Promise<Map<FoundRepository, RepoOutcome>> {
  const out = new Map<FoundRepository, RepoOutcome>();
  if (options.rev !== undefined || options.history !== undefined) return out;
  const plain = repositories.filter((r) => r.info.gitDir === r.info.commonDir);
  const heads = await Promise.all(plain.map((r) => headFromFiles(r.info.gitDir)));
  const read = plain.flatMap((r, i) => {
    const head = heads[i];
    return head ? [{ found: r, head }] : [];
  });
  if (read.length === 0) return out;
  const current = await currentByKey(
    store,
    read.map((r) => r.found.info.commonDir),
  );
  if (current.size === 0) return out;
  const workspace = { ...options.workspace, today: referenceDay(options.today ?? options.workspace.today) };
  const wanted = { runs: pluginRuns(await options.plugins.declarations(), workspace), analyses: [] };
  for (const { found, head } of read) {
    const c = current.get(found.info.commonDir);
    if (!c || c.locked) continue;
    if (c.snapshot.commit_sha !== head.commit || c.snapshot.tool_version !== TOOL_VERSION) continue;
    if (sameCommitRerun(c.plugins, wanted) !== null) continue;
    const s = c.snapshot;
    out.set(found, {
      ...failedOutcome(c.repository.name, found.path, head.ref, null),
      status: 'unchanged',
      commit: head.commit,
      ...snapshotFigures(s),
    });
  }
  return out;
}
