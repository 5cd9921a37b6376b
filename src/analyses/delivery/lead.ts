// Lead time for changes: each non-merge commit belongs to the first release that contains it.

import { DAY } from '../../reference-date.ts';
import { type CommitGraph, firstContaining } from './graph.ts';
import type { Release } from './releases.ts';
import { median, percentile } from './stats.ts';

export interface ReleaseChanges {
  /** Indexes of the non-merge commits first released by each release (same order as the releases). */
  commits: number[][];
  /** Lead time in seconds of each of those commits (release date − author date, at least 0). */
  leads: number[][];
  /** Non-merge commits in no release. */
  waiting: number[];
}

/** What lead time needs of a release or a deployment: its commit's position and its date. */
type Shipped = Pick<Release, 'commitIndex' | 'releasedTs'>;

export function assignChanges(
  graph: CommitGraph,
  releases: readonly Shipped[],
  authorTs: ArrayLike<number>,
): ReleaseChanges {
  const owner = firstContaining(
    graph,
    releases.map((r) => r.commitIndex),
  );
  const commits: number[][] = releases.map(() => []);
  const leads: number[][] = releases.map(() => []);
  const waiting: number[] = [];
  for (let i = 0; i < owner.length; i++) {
    if ((graph.parentCounts[i] as number) > 1) continue;
    const r = owner[i] as number;
    if (r < 0) {
      waiting.push(i);
      continue;
    }
    commits[r]?.push(i);
    leads[r]?.push(Math.max(0, (releases[r] as Shipped).releasedTs - (authorTs[i] as number)));
  }
  return { commits, leads, waiting };
}

export interface LeadSummary {
  changes: number;
  median: number | null;
  p90: number | null;
  /** Positions of the releases included. */
  releases: number[];
}

/** Lead times over the releases selected by position. */
export function leadOver(changes: ReleaseChanges, positions: number[]): LeadSummary {
  const values = positions.flatMap((p) => changes.leads[p] ?? []);
  return {
    changes: values.length,
    median: median(values),
    p90: percentile(values, 0.9),
    releases: positions,
  };
}

/** Positions of the last `n` releases. */
export function lastReleases(releases: readonly unknown[], n: number): number[] {
  return releases.map((_, i) => i).slice(Math.max(0, releases.length - n));
}

/** Positions of the releases dated in the `windowDays` days up to `asOf`. */
export function releasesWithin(
  releases: readonly Pick<Release, 'releasedTs'>[],
  asOf: number,
  windowDays: number,
): number[] {
  const from = asOf - windowDays * DAY;
  return releases.flatMap((r, i) => (r.releasedTs > from && r.releasedTs <= asOf ? [i] : []));
}
