// DORA's four keys from recorded delivery events (docs/metrics/delivery.md#events): pure, no store.
// Deployments are the successful production deployments finished by as-of; a change ships with the
// first of them whose commit reaches it, as a change ships with its first release.
import { DAY } from '../../reference-date.ts';
import type { DeploymentRow, IncidentRow } from '../../store/events.ts';
import { deploymentFrequency, type FrequencyResult } from './frequency.ts';
import { buildGraph, type CommitFact } from './graph.ts';
import { assignChanges, type LeadSummary, lastReleases, leadOver, releasesWithin } from './lead.ts';
import { median, percentile } from './stats.ts';

const PRODUCTION = 'production';

export interface EventFigures {
  /** Successful production deployments finished by as-of (all time). */
  deployments: number;
  frequency: FrequencyResult | null;
  leadLast10: LeadSummary;
  lead365: LeadSummary;
  /** Event ids of deployments whose commit is not in the scanned history: their changes are not counted. */
  notInHistory: string[];
  changeFailure: {
    all: number | null;
    last365: number | null;
    /** Production deployments of the 365 days to as-of, and those of them linked to an incident. */
    deployments365: number;
    failed365: number;
    failed: string[];
  };
  /** Incidents that name no deployment or commit shipped by a production deployment. */
  unlinkedIncidents: string[];
  /** Resolved − started over the incidents started in the 365 days to as-of, in seconds. */
  restore: { median: number | null; p90: number | null; resolved: number; open: number };
}

/** Whether a repository's events give the delivery metrics: one successful production deployment. */
export function countsForDora(d: Pick<DeploymentRow, 'environment' | 'status'>): boolean {
  return d.environment === PRODUCTION && d.status === 'success';
}

export function eventFigures(
  deploymentRows: readonly DeploymentRow[],
  incidentRows: readonly IncidentRow[],
  commits: readonly CommitFact[],
  asOf: number,
  firstTs: number,
): EventFigures {
  const deployments = deploymentRows
    .filter((d) => countsForDora(d) && d.finished_ts <= asOf)
    .sort((a, b) => a.finished_ts - b.finished_ts || a.event_id.localeCompare(b.event_id));
  const graph = buildGraph(commits);
  const shipped = deployments.map((d) => ({
    commitIndex: graph.index.get(d.commit_sha) ?? -1,
    releasedTs: d.finished_ts,
  }));
  const authorTs = Float64Array.from(commits, (c) => c.author_ts);
  const changes = assignChanges(graph, shipped, authorTs);
  const within = releasesWithin(shipped, asOf, 365);
  // The deployment that shipped each commit: the incident's commit names its failed deployment.
  const shippedBy = new Map<string, number>();
  changes.commits.forEach((list, p) => {
    for (const i of list) shippedBy.set(graph.shas[i] as string, p);
  });
  deployments.forEach((d, p) => {
    if (!shippedBy.has(d.commit_sha)) shippedBy.set(d.commit_sha, p);
  });
  const position = new Map(deployments.map((d, p) => [d.event_id, p]));
  const failed = new Set<number>();
  const unlinked: string[] = [];
  const incidents = incidentRows.filter((i) => i.started_ts <= asOf);
  for (const i of incidents) {
    const p =
      (i.deployment_event_id !== null ? position.get(i.deployment_event_id) : undefined) ??
      (i.commit_sha !== null ? shippedBy.get(i.commit_sha) : undefined);
    if (p === undefined) unlinked.push(i.event_id);
    else failed.add(p);
  }
  const share = (positions: number[]) =>
    positions.length === 0 ? null : positions.filter((p) => failed.has(p)).length / positions.length;
  const recent = incidents.filter((i) => i.started_ts > asOf - 365 * DAY);
  const durations = recent.flatMap((i) =>
    i.resolved_ts !== null && i.resolved_ts <= asOf ? [i.resolved_ts - i.started_ts] : [],
  );
  return {
    deployments: deployments.length,
    frequency:
      deployments.length > 0
        ? deploymentFrequency(
            deployments.map((d) => d.finished_ts),
            asOf,
            firstTs,
          )
        : null,
    leadLast10: leadOver(changes, lastReleases(shipped, 10)),
    lead365: leadOver(changes, within),
    notInHistory: deployments.filter((_, p) => shipped[p]?.commitIndex === -1).map((d) => d.event_id),
    changeFailure: {
      all: share(deployments.map((_, p) => p)),
      last365: share(within),
      deployments365: within.length,
      failed365: within.filter((p) => failed.has(p)).length,
      failed: [...failed].sort((a, b) => a - b).map((p) => (deployments[p] as DeploymentRow).event_id),
    },
    unlinkedIncidents: unlinked,
    restore: {
      median: median(durations),
      p90: percentile(durations, 0.9),
      resolved: durations.length,
      open: recent.length - durations.length,
    },
  };
}
