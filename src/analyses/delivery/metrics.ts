// The delivery model as stored metrics (with evidence) and rows for the delivery tables.
import type { TableRow } from '../../store/store.ts';
import type { Evidence, Metric } from '../types.ts';
import { BUCKET_VALUE } from './frequency.ts';
import type { LeadSummary } from './lead.ts';
import type { DeliveryModel, ReleaseRow } from './model.ts';
import { days } from './stats.ts';

const SQL_RELEASES =
  "select tag, released_at, changes, lead_median_days, failed, rework from current_delivery_releases where repository = '<repository>' and prerelease = 0 order by released_ts";

function metric(name: string, value: number | null, unit: string, evidence?: Evidence): Metric {
  return { metric: name, scope: 'repository', subject: '', value, unit, evidence };
}

function leadEvidence(model: DeliveryModel, lead: LeadSummary): Evidence {
  const rs = lead.releases.map((i) => model.releases[i] as ReleaseRow);
  return { tags: rs.map((r) => r.tag), commits: rs.map((r) => r.commitSha), sql: SQL_RELEASES };
}

export function deliveryMetrics(model: DeliveryModel): Metric[] {
  const tags = model.releases.map((r) => r.tag);
  const out: Metric[] = [
    metric('releases', model.releases.length, 'releases', { tags, sql: SQL_RELEASES }),
    metric('pre-releases', model.prereleases.length, 'releases', {
      tags: model.prereleases.map((r) => r.tag),
    }),
    metric('ignored-tags', model.ignoredTags.length, 'tags', { tags: model.ignoredTags.slice(0, 100) }),
    metric('unreleased-commits', model.waiting.count, 'commits', { commits: model.waiting.oldest }),
    metric('unreleased-age-median', days(model.waiting.medianAge), 'days'),
    metric('unreleased-age-max', days(model.waiting.maxAge), 'days', {
      commits: model.waiting.oldest.slice(0, 1),
    }),
  ];
  if (model.releases.length === 0) return out;
  const last10 = leadEvidence(model, model.leadLast10);
  const last365 = leadEvidence(model, model.lead365);
  out.push(
    metric('release-interval-median', days(model.intervals.median), 'days', { sql: SQL_RELEASES }),
    metric('release-interval-p90', days(model.intervals.p90), 'days', { sql: SQL_RELEASES }),
    metric('lead-time-median-last-10', days(model.leadLast10.median), 'days', last10),
    metric('lead-time-p90-last-10', days(model.leadLast10.p90), 'days', last10),
    metric('lead-time-changes-last-10', model.leadLast10.changes, 'commits', last10),
    metric('lead-time-median-365d', days(model.lead365.median), 'days', last365),
    metric('lead-time-p90-365d', days(model.lead365.p90), 'days', last365),
    metric('lead-time-changes-365d', model.lead365.changes, 'commits', last365),
    metric('releases-365d', model.lead365.releases.length, 'releases', last365),
    metric('change-failure-rate', model.changeFailure.all, 'ratio', { tags: model.changeFailure.failed }),
    metric('change-failure-rate-365d', model.changeFailure.last365, 'ratio', {
      tags: model.changeFailure.failed,
    }),
    metric('rework-rate', model.rework.all, 'ratio', { tags: model.rework.fixes }),
    metric('rework-rate-365d', model.rework.last365, 'ratio', { tags: model.rework.fixes }),
  );
  const f = model.frequency;
  if (f) {
    const inWindow = model.releases
      .filter((r) => r.releasedAt.slice(0, 10) >= f.windowStart)
      .map((r) => r.tag);
    out.push(
      metric('deployment-frequency', BUCKET_VALUE[f.bucket], 'bucket', { tags: inWindow }),
      metric('deployments-window', f.deployments, 'releases', { tags: inWindow }),
    );
  }
  return out;
}

export function releaseRows(snapshotId: number, model: DeliveryModel): TableRow<'delivery_releases'>[] {
  return [...model.releases, ...model.prereleases].map((r) => ({
    snapshot_id: snapshotId,
    tag: r.tag,
    version: r.version.version,
    prerelease: r.prerelease ? 1 : 0,
    commit_sha: r.commitSha,
    commit_date: r.commitDate,
    tag_date: r.tagDate,
    released_at: r.releasedAt,
    released_ts: r.releasedTs,
    changes: r.changes,
    lead_median_days: days(r.leadMedian),
    lead_p90_days: days(r.leadP90),
    failed: r.outcome ? (r.outcome.failed ? 1 : 0) : null,
    rework: r.outcome ? (r.outcome.rework ? 1 : 0) : null,
    reasons: r.outcome && r.outcome.reasons.length > 0 ? JSON.stringify(r.outcome) : null,
  }));
}

export function activityRows(snapshotId: number, model: DeliveryModel): TableRow<'delivery_activity'>[] {
  return model.activity.map((a) => ({
    snapshot_id: snapshotId,
    period_kind: a.kind,
    period_start: a.start,
    commits: a.commits,
    contributors: a.contributors,
    lines_added: a.linesAdded,
    lines_deleted: a.linesDeleted,
  }));
}
