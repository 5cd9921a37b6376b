// Change failure and rework proxies from git: patch releases that follow soon, and reverts.

import { DAY } from '../../reference-date.ts';
import type { CommitFact } from './graph.ts';
import type { ReleaseChanges } from './lead.ts';
import type { Release } from './releases.ts';
import { isPatchOf } from './versions.ts';

export interface ReleaseOutcome {
  /** The release was followed by a fix: a patch release within the window, or a revert of one of its commits. */
  failed: boolean;
  /** The release is a fix: that patch release, or a release containing such a revert. */
  rework: boolean;
  reasons: string[];
  /** Revert commit and reverted commit shas, for evidence. */
  commits: string[];
}

const REVERT = /^Revert "(.+)"$/;

export function releaseOutcomes(
  releases: readonly Release[],
  changes: ReleaseChanges,
  commits: readonly CommitFact[],
  patchWindowDays: number,
): ReleaseOutcome[] {
  const out: ReleaseOutcome[] = releases.map(() => ({
    failed: false,
    rework: false,
    reasons: [],
    commits: [],
  }));
  releases.forEach((r, i) => {
    for (let j = i + 1; j < releases.length; j++) {
      const later = releases[j] as Release;
      const gap = later.releasedTs - r.releasedTs;
      if (gap > patchWindowDays * DAY) break;
      if (!isPatchOf(later.version, r.version)) continue;
      const o = out[i] as ReleaseOutcome;
      o.failed = true;
      o.reasons.push(`patch ${later.tag} after ${Math.round((gap / DAY) * 10) / 10} days`);
      const fix = out[j] as ReleaseOutcome;
      fix.rework = true;
      fix.reasons.push(`patch of ${r.tag}`);
      break;
    }
  });
  for (let i = 1; i < releases.length; i++) {
    const previous = new Map<string, number>();
    for (const c of changes.commits[i - 1] ?? []) previous.set((commits[c] as CommitFact).subject, c);
    for (const c of changes.commits[i] ?? []) {
      const target = REVERT.exec((commits[c] as CommitFact).subject)?.[1];
      const reverted = target === undefined ? undefined : previous.get(target);
      if (reverted === undefined) continue;
      const revertSha = (commits[c] as CommitFact).sha;
      const revertedSha = (commits[reverted] as CommitFact).sha;
      const failed = out[i - 1] as ReleaseOutcome;
      failed.failed = true;
      failed.reasons.push(`commit ${revertedSha.slice(0, 12)} reverted in ${(releases[i] as Release).tag}`);
      failed.commits.push(revertedSha);
      const fix = out[i] as ReleaseOutcome;
      fix.rework = true;
      fix.reasons.push(`reverts ${revertedSha.slice(0, 12)} of ${(releases[i - 1] as Release).tag}`);
      fix.commits.push(revertSha);
    }
  }
  return out;
}

/** Share of the releases at `positions` for which `pick` holds; null for none. */
export function shareOf(
  outcomes: readonly ReleaseOutcome[],
  positions: number[],
  pick: (o: ReleaseOutcome) => boolean,
): number | null {
  if (positions.length === 0) return null;
  return positions.filter((p) => pick(outcomes[p] as ReleaseOutcome)).length / positions.length;
}
