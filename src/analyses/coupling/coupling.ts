// Change coupling (code-maat's `coupling` analysis): pairs of files changed in the same commits.
// Definitions in docs/metrics/code.md.
import type { CommitChanges } from '../hotspots/follow.ts';

interface CouplingOptions {
  /** Average revisions of the two files at least this (code-maat --min-revs). */
  minRevs: number;
  /** Shared commits at least this (code-maat --min-shared-revs). */
  minShared: number;
  /** Degree of coupling, in percent, at least this (code-maat --min-coupling). */
  minDegree: number;
  /** Commits changing more files than this are left out (code-maat --max-changeset-size). */
  maxChangeset: number;
}

export const DEFAULT_COUPLING: CouplingOptions = {
  minRevs: 5,
  minShared: 5,
  minDegree: 30,
  maxChangeset: 30,
};

interface CoupledPair {
  path_a: string;
  path_b: string;
  shared: number;
  commits_a: number;
  commits_b: number;
  /** shared / ((commits_a + commits_b) / 2) x 100, rounded to one decimal. */
  degree: number;
}

/**
 * Two passes over the commits (`history` gives a new walk each time, e.g. streamed from the store):
 * the first counts each file's revisions, the second counts pairs of files that both have at least
 * `minShared` revisions (a pair is never shared more often than its files changed, so no other pair
 * can reach the threshold). What is held is a count per file and per such pair, never the history.
 */
export async function computeCoupling(
  history: () => Iterable<CommitChanges> | AsyncIterable<CommitChanges>,
  options: CouplingOptions = DEFAULT_COUPLING,
): Promise<CoupledPair[]> {
  const counted = (c: CommitChanges) => c.size <= options.maxChangeset && c.changes.length > 0;
  const ids = new Map<string, number>();
  const paths: string[] = [];
  const revs: number[] = [];
  for await (const c of history()) {
    if (!counted(c)) continue;
    for (const ch of c.changes) {
      let id = ids.get(ch.path);
      if (id === undefined) {
        id = paths.length;
        ids.set(ch.path, id);
        paths.push(ch.path);
        revs.push(0);
      }
      revs[id] = (revs[id] ?? 0) + 1;
    }
  }
  // Pair keys need the final file count, so pairs are counted once every file has its id.
  const n = paths.length;
  const shared = new Map<number, number>();
  for await (const c of history()) {
    if (!counted(c) || c.changes.length < 2) continue;
    const set: number[] = [];
    for (const ch of c.changes) {
      const id = ids.get(ch.path) as number;
      if ((revs[id] ?? 0) >= options.minShared) set.push(id);
    }
    set.sort((a, b) => a - b);
    for (let i = 0; i < set.length; i++) {
      const a = set[i] as number;
      for (let j = i + 1; j < set.length; j++) {
        const key = a * n + (set[j] as number);
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const out: CoupledPair[] = [];
  for (const [key, count] of shared) {
    if (count < options.minShared) continue;
    const a = Math.floor(key / n);
    const b = key - a * n;
    const ra = revs[a] ?? 0;
    const rb = revs[b] ?? 0;
    const average = (ra + rb) / 2;
    if (average < options.minRevs) continue;
    const degree = Math.round((count / average) * 1000) / 10;
    if (degree < options.minDegree) continue;
    const pa = paths[a] as string;
    const pb = paths[b] as string;
    out.push(
      pa < pb
        ? { path_a: pa, path_b: pb, shared: count, commits_a: ra, commits_b: rb, degree }
        : { path_a: pb, path_b: pa, shared: count, commits_a: rb, commits_b: ra, degree },
    );
  }
  return out.sort((x, y) => y.degree - x.degree || y.shared - x.shared || x.path_a.localeCompare(y.path_a));
}
