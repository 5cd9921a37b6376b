// The delivery model of one snapshot, from its commits and tags: pure, no store.
import { type ActivityPeriod, activity } from './activity.ts';
import { type ReleaseOutcome, releaseOutcomes, shareOf } from './failure.ts';
import { deploymentFrequency, type FrequencyResult } from './frequency.ts';
import { buildGraph, type CommitFact } from './graph.ts';
import { assignChanges, type LeadSummary, lastReleases, leadOver, releasesWithin } from './lead.ts';
import { type Release, sortTags, type TagFact } from './releases.ts';
import { median, percentile } from './stats.ts';
import type { TagMatcher } from './versions.ts';

interface DeliveryCommit extends CommitFact {
  parent_count: number;
  author_name: string;
  author_email: string;
  committer_date: string;
  lines_added: number;
  lines_deleted: number;
}

interface DeliveryOptions {
  matcher: TagMatcher;
  patchWindowDays: number;
  /** The last second of the reference day (epoch seconds): every window counts back from it. */
  referenceTs: number;
}

export interface ReleaseRow extends Release {
  prerelease: boolean;
  changes: number | null;
  leadMedian: number | null;
  leadP90: number | null;
  outcome: ReleaseOutcome | null;
}

export interface DeliveryModel {
  /** The reference date's last second (epoch seconds): "now" for every window, never the last commit. */
  asOf: number;
  releases: ReleaseRow[];
  prereleases: ReleaseRow[];
  ignoredTags: string[];
  duplicateTags: string[];
  intervals: { median: number | null; p90: number | null };
  leadLast10: LeadSummary;
  lead365: LeadSummary;
  waiting: { count: number; medianAge: number | null; maxAge: number | null; oldest: string[] };
  frequency: FrequencyResult | null;
  changeFailure: { all: number | null; last365: number | null; failed: string[] };
  rework: { all: number | null; last365: number | null; fixes: string[] };
  activity: ActivityPeriod[];
}

export function deliveryModel(
  commits: readonly DeliveryCommit[],
  tags: readonly TagFact[],
  options: DeliveryOptions,
): DeliveryModel {
  const graph = buildGraph(commits);
  const committerTs = Float64Array.from(commits, (c) => c.committer_ts);
  const authorTs = Float64Array.from(commits, (c) => c.author_ts);
  const asOf = options.referenceTs;
  const sorted = sortTags(tags, options.matcher, {
    index: graph.index,
    committerTs,
    committerDate: (i) => (commits[i] as DeliveryCommit).committer_date,
  });
  const { releases } = sorted;
  const changes = assignChanges(graph, releases, authorTs);
  const outcomes = releaseOutcomes(releases, changes, commits, options.patchWindowDays);
  const within = releasesWithin(releases, asOf, 365);
  const all = releases.map((_, i) => i);
  const gaps = releases.slice(1).map((r, i) => r.releasedTs - (releases[i] as Release).releasedTs);
  const ages = changes.waiting.map((i) => Math.max(0, asOf - (authorTs[i] as number)));
  const firstTs = authorTs.reduce((a, b) => Math.min(a, b), asOf);
  return {
    asOf,
    releases: releases.map((r, i) => ({
      ...r,
      prerelease: false,
      changes: changes.commits[i]?.length ?? 0,
      leadMedian: median(changes.leads[i] ?? []),
      leadP90: percentile(changes.leads[i] ?? [], 0.9),
      outcome: outcomes[i] ?? null,
    })),
    prereleases: sorted.prereleases.map((r) => ({
      ...r,
      prerelease: true,
      changes: null,
      leadMedian: null,
      leadP90: null,
      outcome: null,
    })),
    ignoredTags: sorted.ignored,
    duplicateTags: sorted.duplicates,
    intervals: { median: median(gaps), p90: percentile(gaps, 0.9) },
    leadLast10: leadOver(changes, lastReleases(releases, 10)),
    lead365: leadOver(changes, within),
    waiting: {
      count: changes.waiting.length,
      medianAge: median(ages),
      maxAge: ages.length > 0 ? ages.reduce((a, b) => Math.max(a, b), 0) : null,
      oldest: [...changes.waiting]
        .sort((a, b) => (authorTs[a] as number) - (authorTs[b] as number))
        .slice(0, 10)
        .map((i) => (commits[i] as DeliveryCommit).sha),
    },
    frequency:
      releases.length > 0
        ? deploymentFrequency(
            releases.map((r) => r.releasedTs),
            asOf,
            firstTs,
          )
        : null,
    changeFailure: {
      all: shareOf(outcomes, all, (o) => o.failed),
      last365: shareOf(outcomes, within, (o) => o.failed),
      failed: releases.filter((_, i) => outcomes[i]?.failed).map((r) => r.tag),
    },
    rework: {
      all: shareOf(outcomes, all, (o) => o.rework),
      last365: shareOf(outcomes, within, (o) => o.rework),
      fixes: releases.filter((_, i) => outcomes[i]?.rework).map((r) => r.tag),
    },
    activity: activity(commits),
  };
}
