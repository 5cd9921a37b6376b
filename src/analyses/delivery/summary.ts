// What `cto delivery` shows: per repository from the stored metrics and rows, and per team.

import { DAY } from '../../reference-date.ts';
import type { RepositoryDelivery } from '../../store/delivery.ts';
import type { DeploymentEvent } from './deployments.ts';
import type { EventFigures } from './events.ts';
import { bucketOf, deploymentFrequency, type FrequencyBucket } from './frequency.ts';
import { days, median } from './stats.ts';

export const DERIVED_FROM = {
  releases: 'git tags whose names match the version pattern; pre-releases counted apart',
  leadTime:
    'release date minus author date of each non-merge commit, per first release containing it (ancestry)',
  deploymentFrequencyReleases:
    'releases (version tags) as deployments, Four Keys buckets over 3 months to the reference date',
  deploymentFrequencyFile:
    'successful events of the deployments file, Four Keys buckets over 3 months to the reference date',
  changeFailure:
    'releases followed by a patch release within the window, or whose commit is reverted in the next release',
  rework: 'releases that are such a patch release or contain such a revert',
  events:
    'recorded events (cto event, webhooks of cto serve), when a repository has a successful production deployment: deployments are those, lead time is deployment finish minus author date of each change it first shipped, change failure is deployments linked to an incident, time to restore is incident resolved minus started',
} as const;

/** Where a figure comes from: recorded events, version tags (releases), or the deployments file. */
type Source = 'events' | 'releases' | 'deployments-file';

export interface RepositorySummary {
  repository: string;
  commit: string;
  analysed: boolean;
  releases: number;
  prereleases: number;
  ignoredTags: number;
  lastRelease: { tag: string; releasedAt: string } | null;
  perYear: Record<string, number>;
  intervalDays: { median: number | null; p90: number | null };
  leadTimeDays: {
    last10: { median: number | null; p90: number | null; changes: number | null };
    last365d: { median: number | null; p90: number | null; changes: number | null };
  };
  unreleased: { commits: number | null; medianAgeDays: number | null; maxAgeDays: number | null };
  deploymentFrequency: {
    bucket: FrequencyBucket | null;
    source: Source;
    deploymentsInWindow: number | null;
  };
  changeFailureRate: { all: number | null; last365d: number | null };
  reworkRate: { all: number | null; last365d: number | null };
  /** Time to restore (failed deployment recovery time), from incidents; null without events. */
  timeToRestoreHours: { median: number | null; p90: number | null; resolved: number; open: number } | null;
  /** The source of each DORA figure. */
  sources: {
    deploymentFrequency: Source;
    leadTime: Source;
    changeFailure: Source;
    timeToRestore: Source | null;
  };
  /** What the events held, when they are the source: counts and what could not be used. */
  events: {
    productionDeployments: number;
    /** Production deployments finished in the 365 days to as-of, and those of them linked to an incident. */
    deployments365d: number;
    failed365d: number;
    failedDeployments: string[];
    deploymentsNotInHistory: string[];
    unlinkedIncidents: string[];
  } | null;
}

const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10);

export function summarise(
  r: RepositoryDelivery,
  deployments?: DeploymentEvent[],
  events?: EventFigures | null,
): RepositorySummary {
  const v = (name: string) => r.metrics.get(name)?.value ?? null;
  const stable = r.releases.filter((x) => x.prerelease === 0);
  const perYear: Record<string, number> = {};
  for (const x of stable) {
    const year = new Date(Number(x.released_ts) * 1000).toISOString().slice(0, 4);
    perYear[year] = (perYear[year] ?? 0) + 1;
  }
  const last = stable.at(-1);
  let frequency: RepositorySummary['deploymentFrequency'] = {
    bucket: bucketOf(v('deployment-frequency')),
    source: 'releases',
    deploymentsInWindow: v('deployments-window'),
  };
  if (deployments) {
    const f = deploymentFrequency(
      deployments.filter((d) => d.success).map((d) => d.ts),
      r.asOf,
      r.firstTs ?? 0,
    );
    frequency = {
      bucket: f?.bucket ?? null,
      source: 'deployments-file',
      deploymentsInWindow: f?.deployments ?? null,
    };
  }
  const tags: RepositorySummary = {
    repository: r.repository,
    commit: r.commit,
    analysed: r.analysed,
    releases: stable.length,
    prereleases: r.releases.length - stable.length,
    ignoredTags: v('ignored-tags') ?? 0,
    lastRelease: last ? { tag: last.tag, releasedAt: last.released_at } : null,
    perYear,
    intervalDays: { median: v('release-interval-median'), p90: v('release-interval-p90') },
    leadTimeDays: {
      last10: {
        median: v('lead-time-median-last-10'),
        p90: v('lead-time-p90-last-10'),
        changes: v('lead-time-changes-last-10'),
      },
      last365d: {
        median: v('lead-time-median-365d'),
        p90: v('lead-time-p90-365d'),
        changes: v('lead-time-changes-365d'),
      },
    },
    unreleased: {
      commits: v('unreleased-commits'),
      medianAgeDays: v('unreleased-age-median'),
      maxAgeDays: v('unreleased-age-max'),
    },
    deploymentFrequency: frequency,
    changeFailureRate: { all: v('change-failure-rate'), last365d: v('change-failure-rate-365d') },
    reworkRate: { all: v('rework-rate'), last365d: v('rework-rate-365d') },
    timeToRestoreHours: null,
    sources: {
      deploymentFrequency: frequency.source,
      leadTime: 'releases',
      changeFailure: 'releases',
      timeToRestore: null,
    },
    events: null,
  };
  return events && events.deployments > 0 ? withEvents(tags, events) : tags;
}

/** The DORA figures replaced by those of the events; rework and the release figures stay. */
function withEvents(s: RepositorySummary, e: EventFigures): RepositorySummary {
  const lead = (l: EventFigures['lead365']) => ({
    median: days(l.median),
    p90: days(l.p90),
    changes: l.changes,
  });
  return {
    ...s,
    leadTimeDays: { last10: lead(e.leadLast10), last365d: lead(e.lead365) },
    deploymentFrequency: {
      bucket: e.frequency?.bucket ?? null,
      source: 'events',
      deploymentsInWindow: e.frequency?.deployments ?? null,
    },
    changeFailureRate: { all: e.changeFailure.all, last365d: e.changeFailure.last365 },
    timeToRestoreHours: {
      median: hours(e.restore.median),
      p90: hours(e.restore.p90),
      resolved: e.restore.resolved,
      open: e.restore.open,
    },
    sources: {
      deploymentFrequency: 'events',
      leadTime: 'events',
      changeFailure: 'events',
      timeToRestore: 'events',
    },
    events: {
      productionDeployments: e.deployments,
      deployments365d: e.changeFailure.deployments365,
      failed365d: e.changeFailure.failed365,
      failedDeployments: e.changeFailure.failed,
      deploymentsNotInHistory: e.notInHistory,
      unlinkedIncidents: e.unlinkedIncidents,
    },
  };
}

export interface TeamSummary {
  team: string;
  repositories: string[];
  /** Stable releases dated in the 365 days up to the reference date. */
  releases365d: number;
  /** Production deployments of the last 365 days, in the repositories whose figures come from events. */
  deployments365d: number;
  /** The repositories whose lead time and change failure come from recorded events. */
  fromEvents: string[];
  /** Median of the repositories' 365-day lead time medians (each from its own source). */
  leadTimeMedianDays: number | null;
  /**
   * Failed units over units of the last 365 days, pooled: production deployments linked to an incident
   * in the repositories with events, failed releases in the others. Rework pools releases only.
   */
  changeFailureRate365d: number | null;
  reworkRate365d: number | null;
  /** Non-merge commits in no release, summed over the team's repositories. */
  unreleasedCommits: number;
}

export function teamSummary(
  team: string,
  repos: readonly RepositoryDelivery[],
  sums: readonly RepositorySummary[],
): TeamSummary {
  let releases = 0;
  let rework = 0;
  let units = 0;
  let failed = 0;
  let deployments = 0;
  const fromEvents: string[] = [];
  for (const r of repos) {
    const from = r.asOf - 365 * DAY;
    const events = sums.find((s) => s.repository === r.repository)?.events;
    if (events) {
      fromEvents.push(r.repository);
      deployments += events.deployments365d;
      units += events.deployments365d;
      failed += events.failed365d;
    }
    for (const x of r.releases) {
      if (x.prerelease !== 0 || Number(x.released_ts) <= from || Number(x.released_ts) > r.asOf) continue;
      releases++;
      rework += x.rework ?? 0;
      if (!events) {
        units++;
        failed += x.failed ?? 0;
      }
    }
  }
  const leads = sums.flatMap((s) =>
    s.leadTimeDays.last365d.median === null ? [] : [s.leadTimeDays.last365d.median],
  );
  return {
    team,
    repositories: repos.map((r) => r.repository),
    releases365d: releases,
    deployments365d: deployments,
    fromEvents,
    leadTimeMedianDays: median(leads),
    changeFailureRate365d: units > 0 ? failed / units : null,
    reworkRate365d: releases > 0 ? rework / releases : null,
    unreleasedCommits: sums.reduce((a, s) => a + (s.unreleased.commits ?? 0), 0),
  };
}
