// The values behind the areas' KPIs (report/kpi.ts), now and in the previous period, read as
// `cto trend` reads them (docs/trend.md) so that both sides are counted alike: per repository of the
// report, combined like the trend's portfolio (sum, lowest or median).
//
// The previous period is the state on `--since` (the baseline snapshots `buildChanges` found); else
// the latest historical snapshot date (`scan --history`); else each repository's snapshot before its
// current one. Nothing to compare with: no previous period.
import type { Team } from '../office/teams.ts';
import type { Sla } from '../risk/config.ts';
import { type ReportSnapshot, snapshotsAsOf } from '../store/report.ts';
import type { Store } from '../store/store.ts';
import { buildTrend } from '../trend/build.ts';
import { aggregate } from '../trend/metrics.ts';
import type { SnapshotRef } from './types.ts';

/** The trend series the KPIs read (key metrics of docs/trend.md, or stored metrics by name). */
export const KPI_SERIES = [
  'end-of-life',
  'code-lines',
  'vulnerabilities',
  'vulnerabilities-runtime-critical-high',
  'risks-open',
  'risks-overdue',
  'truck-factor-active',
  'active-contributors-90d',
  'releases-365d',
  'lead-time-median-365d',
  'change-failure-rate-365d',
  'rework-rate-365d',
] as const;

export type KpiSeries = (typeof KPI_SERIES)[number];

/**
 * Series a KPI combines otherwise than `cto trend` does: the worst repository's rate, since a median
 * of mostly-zero rates hides the one repository that fails.
 */
const HIGHEST: ReadonlySet<string> = new Set(['change-failure-rate-365d', 'rework-rate-365d']);

const highest = (values: ReadonlyArray<number | null>): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
};

export interface KpiValues {
  /** The date compared with; null when there is nothing to compare with. */
  period: string | null;
  current: Map<string, number | null>;
  previous: Map<string, number | null>;
}

interface KpiValueOptions {
  snapshots: readonly ReportSnapshot[];
  today: string;
  since?: string;
  /** The snapshots current on `since` (report changes' baseline). */
  baseline?: readonly SnapshotRef[];
  teams: readonly Team[];
  eolWindowMonths: number;
  sla?: Sla;
}

const NO_KPI_VALUES: KpiValues = { period: null, current: new Map(), previous: new Map() };

export async function loadKpiValues(store: Store, opts: KpiValueOptions): Promise<KpiValues> {
  if (opts.snapshots.length === 0) return NO_KPI_VALUES;
  const inReport = new Set(opts.snapshots.map((s) => s.repository));
  const baseline = await baselineOf(store, opts, inReport);
  const trend = await buildTrend(store, {
    metric: KPI_SERIES,
    by: 'repository',
    today: opts.today,
    teams: opts.teams,
    eolWindowMonths: opts.eolWindowMonths,
    sla: opts.sla,
    ...(baseline ? { baseline } : {}),
  });
  const last = trend.points.length - 1;
  const at = baseline
    ? trend.points.findIndex((p) => p.date === baseline.date)
    : trend.points.findLastIndex((p) => p.kind === 'historical');
  const period = at >= 0 && at < last ? (trend.points[at]?.date ?? null) : null;
  const current = new Map<string, number | null>();
  const previous = new Map<string, number | null>();
  for (const id of KPI_SERIES) {
    const series = trend.series.filter((s) => s.metric === id && inReport.has(s.subject));
    const how = series[0]?.aggregate ?? 'sum';
    const combine = (i: number) => {
      const values = series.map((s) => s.values[i] ?? null);
      return HIGHEST.has(id) ? highest(values) : aggregate(how, values);
    };
    current.set(id, combine(last));
    if (period !== null) previous.set(id, combine(at));
  }
  return { period, current, previous };
}

/** The point compared with, when it is not a historical date the trend already has. */
async function baselineOf(
  store: Store,
  opts: KpiValueOptions,
  inReport: ReadonlySet<string>,
): Promise<{ date: string; byRepo: Map<string, number> } | undefined> {
  if (opts.since !== undefined) {
    const base = (opts.baseline ?? []).filter((b) => inReport.has(b.repository));
    return base.length > 0 && opts.since < opts.today
      ? { date: opts.since, byRepo: new Map(base.map((b) => [b.repository, b.snapshotId])) }
      : undefined;
  }
  if (await hasHistory(store)) return undefined;
  // No historical snapshot: each repository's snapshot that finished before the earliest current one.
  const finished = opts.snapshots.map((s) => s.finishedAt).filter((f): f is string => f !== null);
  const first = finished.sort()[0];
  if (!first) return undefined;
  const currentIds = new Set(opts.snapshots.map((s) => s.snapshotId));
  const before = (await snapshotsAsOf(store, first)).filter(
    (s) => inReport.has(s.repository) && !currentIds.has(s.snapshotId) && s.finishedAt !== null,
  );
  if (before.length === 0) return undefined;
  const date = before
    .map((s) => (s.finishedAt as string).slice(0, 10))
    .sort()
    .at(-1) as string;
  return date < opts.today
    ? { date, byRepo: new Map(before.map((s) => [s.repository, s.snapshotId])) }
    : undefined;
}

async function hasHistory(store: Store): Promise<boolean> {
  const row = await store.db
    .selectFrom('snapshots')
    .select('id')
    .where('historical', '=', 1)
    .where('status', 'in', ['ok', 'partial'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
