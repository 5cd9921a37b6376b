// Key metrics over time (as `cto trend --json`) for the portfolio, each team or each repository: the
// chosen metric drawn with the report's line chart definition (hover for values, click a legend entry
// to hide a series), and every series in a table that sorts and filters.
import { Link, useLocation, useSearch } from 'wouter';
import type { Chart } from '../../../src/report/types.ts';
import type { Trend, TrendSeries } from '../../../src/trend/build.ts';
import { query, useApi } from '../api.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { LazyChart } from '../components/lazy-chart.tsx';
import { NotPermitted, round, Status } from '../components/report.tsx';
import { useCan } from '../session.tsx';

const GROUPS = ['portfolio', 'team', 'repository'] as const;

const num = (v: number | null) => (v === null ? 'not measured' : round(v));

const COLUMNS: Column<TrendSeries>[] = [
  {
    id: 'subject',
    header: 'Subject',
    value: (s) => s.subject,
    cell: (s) =>
      s.group === 'portfolio' ? (
        <Link href="/portfolio">{s.subject}</Link>
      ) : (
        <Link href={`/${s.group === 'team' ? 'teams' : 'repositories'}/${encodeURIComponent(s.subject)}`}>
          {s.subject}
        </Link>
      ),
  },
  { id: 'first', header: 'First', value: (s) => s.first, numeric: true, cell: (s) => num(s.first) },
  { id: 'last', header: 'Now', value: (s) => s.last, numeric: true, cell: (s) => num(s.last) },
  {
    id: 'change',
    header: 'Change',
    value: (s) => s.change,
    numeric: true,
    cell: (s) => (s.change === null ? 'not measured' : `${s.change > 0 ? '+' : ''}${round(s.change)}`),
  },
  { id: 'unit', header: 'Unit', value: (s) => s.unit },
];

/** One metric's series as a line chart of the report model, so that the report's definition draws it. */
function chartOf(trend: Trend, series: TrendSeries[]): Chart | null {
  const first = series[0];
  if (!first || trend.points.length === 0) return null;
  const shown = series.slice(0, 8);
  return {
    id: `trend-${first.metric}`,
    kind: 'line',
    title: `${first.label} by ${trend.by}${series.length > shown.length ? ` (the first ${shown.length} of ${series.length})` : ''}, ${trend.points[0]?.date} to ${trend.reference}`,
    labels: trend.points.map((p) => p.date),
    series: shown.map((s) => ({ name: s.subject, values: s.values })),
    unit: first.unit,
    partial: trend.points.at(-1)?.partial === true,
    sql: `-- cto trend ${first.metric} --by ${trend.by} --json`,
  };
}

export function TrendsPage() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const by = (GROUPS as readonly string[]).includes(params.get('by') ?? '')
    ? (params.get('by') as string)
    : 'portfolio';
  const can = useCan();
  const trend = useApi<Trend>(can('portfolio:read') ? `/api/v1/trend${query({ by })}` : null);
  const metrics = [...new Map((trend.data?.series ?? []).map((s) => [s.metric, s.label])).entries()];
  const metric = params.get('metric') ?? metrics[0]?.[0] ?? '';
  const series = (trend.data?.series ?? []).filter((s) => s.metric === metric);
  const chart = trend.data ? chartOf(trend.data, series) : null;
  if (!can('portfolio:read')) return <NotPermitted what="trends" />;
  const go = (next: { by?: string; metric?: string }) => navigate(`/trends${query({ by, metric, ...next })}`);
  return (
    <>
      <h1>Trends</h1>
      <div className="table-tools">
        <label>
          By{' '}
          <select name="by" value={by} onChange={(e) => go({ by: e.target.value })}>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Metric{' '}
          <select name="metric" value={metric} onChange={(e) => go({ metric: e.target.value })}>
            {metrics.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Status loading={trend.loading} error={trend.error}>
        {trend.data && trend.data.points.length < 2 && (
          <p className="notice">
            One point in time only: scan with <code>cto scan --history 8q</code> for trends from the first
            day.
          </p>
        )}
        {chart && <LazyChart key={`chart:${by}:${metric}`} chart={chart} />}
        <DataTable
          key={`${by}:${metric}`}
          label="Series"
          rows={series}
          columns={COLUMNS}
          empty="No series for this metric."
        />
      </Status>
    </>
  );
}
