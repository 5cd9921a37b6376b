// Delivery: activity over time and releases from history; lead time when an analysis stored it;
// DORA's four keys from recorded events for the repositories that have them.
import { q, type ReportData } from '../data.ts';
import type { AreaSection, Chart, Figure } from '../types.ts';
import { areaMetrics, buildSection, figure, metricFigures, slug } from './common.ts';
import { deliveryKpis } from './kpis.ts';
import { deliveryRules } from './rules.ts';

const DAY = 86_400_000;

export function deliverySection(data: ReportData): AreaSection {
  const metrics = areaMetrics(data, 'delivery');
  const charts: Chart[] = [];
  const activity = activityChart(data);
  if (activity) charts.push(activity);
  const lead = leadTimeChart(data);
  if (lead) charts.push(lead);
  const yearAgo = data.now.getTime() - 365 * DAY;
  const recent = data.tags.filter((t) => t.date && Date.parse(t.date) >= yearAgo);
  const figures: Figure[] = data.snapshots.map((s) => {
    const tags = recent.filter((t) => t.snapshotId === s.snapshotId);
    return figure(
      `d-releases-${slug(s.repository)}`,
      `Tags in the last 365 days (${s.repository})`,
      tags.length,
      `select name, tagger_date from current_tags where repository = '${s.repository.replace(/'/g, "''")}' order by tagger_date desc`,
      {
        repositories: [s.repository],
        commits: tags.map((t) => t.commit).slice(0, 50),
      },
    );
  });
  figures.push(...eventFigures(data), ...metricFigures(metrics, new Set()));
  const missing: string[] = [];
  if (!lead) missing.push('lead time for changes (delivery analysis)');
  if (!metrics.some((m) => /hotspot/.test(m.analysis))) missing.push('hotspots analysis');
  return buildSection(
    'delivery',
    data,
    {
      kpis: deliveryKpis(data),
      figures,
      charts,
      missing,
      rules: deliveryRules(metrics),
      analysed:
        metrics.length > 0 ||
        (data.deliveryEvents ?? []).length > 0 ||
        data.findings.some((f) => f.area === 'delivery'),
    },
    'Not measured: the delivery analyses (releases, lead time, change failure) stored nothing; `cto scan <repository>` runs them (releases need tags). Activity from history is shown.',
  );
}

/**
 * DORA's four keys of the repositories with recorded production deployments (docs/metrics/delivery.md#events):
 * these replace the tag proxies for those repositories.
 */
function eventFigures(data: ReportData): Figure[] {
  return (data.deliveryEvents ?? []).flatMap((d) => {
    const r = d.repository;
    const where = `repository = ${q(r)}`;
    const deployments = `select event_id, commit_sha, finished_at from deployments where ${where} and environment = 'production' and status = 'success' order by finished_ts`;
    const incidents = `select event_id, severity, started_at, resolved_at, deployment_event_id, commit_sha from incidents where ${where} order by started_ts`;
    const evidence = { repositories: [r] };
    return [
      figure(
        `d-events-frequency-${slug(r)}`,
        `Deployment frequency from production deployments (${r}, ${d.deploymentFrequency.deploymentsInWindow ?? 0} in 3 months)`,
        d.deploymentFrequency.bucket,
        deployments,
        evidence,
      ),
      figure(
        `d-events-lead-${slug(r)}`,
        `Lead time for changes to production, median (${r}, 365 days, from events)`,
        d.leadTimeDays.last365d.median,
        deployments,
        evidence,
        'days',
      ),
      figure(
        `d-events-failure-${slug(r)}`,
        `Change failure rate: production deployments linked to an incident (${r}, 365 days)`,
        d.changeFailureRate.last365d,
        incidents,
        evidence,
        'ratio',
      ),
      figure(
        `d-events-restore-${slug(r)}`,
        `Time to restore, median over resolved incidents (${r}, 365 days; ${d.timeToRestoreHours?.open ?? 0} open)`,
        d.timeToRestoreHours?.median ?? null,
        incidents,
        evidence,
        'hours',
      ),
    ];
  });
}

/** Commits per month over the 24 months ending with the latest month that has a commit. */
function activityChart(data: ReportData): Chart | null {
  const last = data.months.at(-1)?.month;
  if (!last) return null;
  const byMonth = new Map(data.months.map((m) => [m.month, m.commits]));
  const labels: string[] = [];
  let [y, m] = last.split('-').map(Number) as [number, number];
  for (let i = 0; i < 24; i++) {
    labels.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return {
    id: 'activity',
    kind: 'line',
    title: `Activity: commits per month, all repositories (24 months to ${last})`,
    labels,
    series: [{ name: 'commits', values: labels.map((l) => byMonth.get(l) ?? 0) }],
    unit: 'commits',
    // The histories end in the last month: commits after the repositories were last fetched are not
    // seen, so that month is drawn as partial, never as a fall in activity.
    partial: true,
    sql: 'select substr(author_date, 1, 7) month, count(*) from commits c join snapshot_segments ss on ss.segment_id = c.snapshot_id join repositories r on r.current_snapshot_id = ss.snapshot_id group by 1 order by 1',
  };
}

/** A monthly chart whose last month had not ended at the report date says so (drawn dashed, "partial"). */
function partialMonth(labels: string[], now: Date): { partial?: true } {
  const last = labels.at(-1);
  return last !== undefined && last >= now.toISOString().slice(0, 7) ? { partial: true } : {};
}

/** Lead-time metrics: a trend when their subjects are months, else one bar per repository. */
function leadTimeChart(data: ReportData): Chart | null {
  const lead = data.metrics.filter((m) => /^lead-time-median/.test(m.metric) && m.value !== null);
  if (lead.length === 0) return null;
  const monthly = lead.filter((m) => /^\d{4}-\d{2}$/.test(m.subject));
  const sql =
    "select repository, metric, subject, value, unit from current_metrics where metric like '%lead-time%'";
  if (monthly.length > 0) {
    const labels = [...new Set(monthly.map((m) => m.subject))].sort();
    const mean = (l: string) => {
      const v = monthly.filter((m) => m.subject === l).map((m) => m.value ?? 0);
      return Math.round((10 * v.reduce((a, b) => a + b, 0)) / v.length) / 10;
    };
    return {
      id: 'lead-time',
      kind: 'line',
      title: 'Lead time for changes per month (mean over repositories)',
      labels,
      series: [{ name: 'lead time', values: labels.map(mean) }],
      unit: monthly[0]?.unit ?? '',
      ...partialMonth(labels, data.now),
      sql,
    };
  }
  // One figure per repository: the median over the last 365 days, else over the last 10 releases.
  const pick = (name: string) => lead.filter((m) => m.subject === '' && m.metric === name);
  const recent = pick('lead-time-median-365d');
  const repo = [
    ...recent,
    ...pick('lead-time-median-last-10').filter((m) => !recent.some((r) => r.repository === m.repository)),
  ];
  return {
    id: 'lead-time',
    kind: 'bar',
    title: 'Median lead time for changes per repository (last 365 days, else last 10 releases)',
    labels: repo.map((m) => m.repository),
    series: [{ name: 'lead time', values: repo.map((m) => Math.round(10 * (m.value ?? 0)) / 10) }],
    unit: repo[0]?.unit ?? '',
    sql,
  };
}
