// Charts of the report model built from what the report already reads: the end-of-life runway (the
// runway metrics of the loaded feed), the risk matrix (the open problems the score ranks) and per-team
// small multiples (`cto trend` by team). Each keeps its numbers and query in the model (report.json).
import { EXPOSURES } from '../../collectors/types.ts';
import type { Problem } from '../../risk/types.ts';
import type { Trend } from '../../trend/build.ts';
import type { ReportMetric } from '../data.ts';
import type { Chart } from '../types.ts';

/** Days in a month as the runway metrics count them (docs/report.md, "End-of-life runway"). */
const MONTH_DAYS = 30.44;

const RUNWAY_ITEMS = 20;

/**
 * End-of-life runway per technology cycle (`python 3.8`): days from the report date to its end of
 * life, negative when past, the soonest first; the repositories using it named in the label.
 */
export function runwayChart(metrics: ReportMetric[], windowMonths: number): Chart | null {
  const byCycle = new Map<string, { days: number; repositories: Set<string> }>();
  for (const m of metrics) {
    if (m.metric !== 'eol-runway' || m.value === null) continue;
    const item = byCycle.get(m.subject) ?? { days: m.value, repositories: new Set<string>() };
    item.days = Math.min(item.days, m.value);
    item.repositories.add(m.repository);
    byCycle.set(m.subject, item);
  }
  if (byCycle.size === 0) return null;
  const items = [...byCycle]
    .sort((a, b) => a[1].days - b[1].days || a[0].localeCompare(b[0]))
    .slice(0, RUNWAY_ITEMS);
  return {
    id: 'eol-runway',
    kind: 'timeline',
    title: `End-of-life runway per technology cycle, from the report date (soonest ${Math.min(RUNWAY_ITEMS, byCycle.size)} of ${byCycle.size}; past end of life red, within ${windowMonths} months amber)`,
    labels: items.map(([cycle, i]) => `${cycle} (${[...i.repositories].sort().join(', ')})`),
    series: [{ name: 'until end of life', values: items.map(([, i]) => i.days) }],
    unit: 'days',
    windowDays: Math.round(windowMonths * MONTH_DAYS),
    sql: 'select repository, kind, version, path from current_runtimes order by repository; -- end-of-life dates: cto eol --json',
  };
}

const SEVERITY_ROWS = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Open problems of every area counted by severity (rows) and exposure (columns), as `cto risks` lists them. */
export function riskMatrixChart(problems: readonly Problem[]): Chart | null {
  if (problems.length === 0) return null;
  const count = (severity: string, exposure: string) =>
    problems.filter((p) => p.severity === severity && p.exposure === exposure).length;
  return {
    id: 'risk-matrix',
    kind: 'matrix',
    title: `Risk matrix: ${problems.length} open problems of every area by severity and exposure (cell colour: severity × exposure weight of the risk score)`,
    labels: [...SEVERITY_ROWS],
    series: EXPOSURES.map((e) => ({ name: e, values: SEVERITY_ROWS.map((s) => count(s, e)) })),
    sql: "select severity, exposure, count(*) from risks where status = 'open' group by 1, 2",
  };
}

/**
 * One small chart per team (teams.yaml) of a `cto trend` series over its points; the current point's
 * period has not ended, so the chart says it is partial. Null when there are no teams or one point.
 */
export function teamTrendChart(trend: Trend, metric: string): Chart | null {
  const series = trend.series.filter((s) => s.group === 'team' && s.metric === metric);
  const first = series[0];
  if (!first || trend.points.length < 2) return null;
  return {
    id: `team-${metric}`,
    kind: 'small-multiples',
    title: `${first.label} per team (teams.yaml), ${trend.points[0]?.date} to ${trend.reference}`,
    labels: trend.points.map((p) => p.date),
    series: series.map((s) => ({ name: s.subject, values: s.values })),
    unit: first.unit,
    partial: trend.points.at(-1)?.partial === true,
    sql: `-- cto trend ${metric} --by team --json`,
  };
}
