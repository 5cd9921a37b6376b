// `cto trend`: key metrics (or any stored metric) as time series over each repository's historical
// snapshots and its current one, per repository, team (teams.yaml) or the portfolio (docs/trend.md).
import type { AllocatedCost } from '../costs/allocate.ts';
import { roundAmount } from '../costs/money.ts';
import { CtoError } from '../errors.ts';
import { compatibilityJudge } from '../findings/eol/compatibility.ts';
import { findEol } from '../findings/eol/find.ts';
import { findVulnerabilities, type VulnFinding } from '../findings/vulnerabilities/find.ts';
import { type Team, teamsOwning } from '../office/teams.ts';
import { DEFAULT_SLA, type Sla } from '../risk/config.ts';
import type { Decision } from '../risk/decisions.ts';
import { collectProblems } from '../risk/problems.ts';
import { addDays } from '../risk/register.ts';
import { currentDependencies } from '../store/feed-reads.ts';
import { listFeedImports } from '../store/feeds.ts';
import { registerEvents, registerRows } from '../store/risks.ts';
import type { Store } from '../store/store.ts';
import {
  hotspotScores,
  storedMetricUnit,
  type TrendSnapshot,
  trendMetricRows,
  trendSnapshots,
} from '../store/trend.ts';
import {
  aggregate,
  KEY_METRICS,
  keyMetricsNamed,
  storedMetric,
  type TrendMetric,
  topTenShare,
} from './metrics.ts';

export const TREND_GROUPS = ['portfolio', 'team', 'repository'] as const;
export type TrendGroup = (typeof TREND_GROUPS)[number];

interface TrendOptions {
  /** A key metric family or series id, or any stored metric's name; or a list of series ids and stored metric names, each once; all key metrics when absent. */
  metric?: string | readonly string[];
  by: TrendGroup;
  /** Only points on or after this day (YYYY-MM-DD). */
  since?: string;
  /** The reference date: the date of the current snapshots' point (YYYY-MM-DD). */
  today: string;
  teams: readonly Team[];
  /** Months of runway counted as "within the window" for end of life (only the past-end count is a series). */
  eolWindowMonths: number;
  /** Days to fix per severity (cto.yaml `risk.sla`), for the register's overdue series; the defaults when absent. */
  sla?: Sla;
  /**
   * An extra point: these snapshots at this date (the state `cto report --since` compares with),
   * in place of a historical point of the same date.
   */
  baseline?: { date: string; byRepo: Map<string, number> };
  /** Allocated spend (src/costs/allocate.ts) for the cost series; without it they are left out. */
  costs?: readonly AllocatedCost[];
}

export interface TrendPoint {
  date: string;
  /** `historical`: snapshots of `scan --history` at a period end; `current`: the current snapshots. */
  kind: 'historical' | 'current';
  /** True when the point's period has not ended (the current snapshots, dated on the reference day). */
  partial: boolean;
}

export interface TrendSeries {
  metric: string;
  label: string;
  unit: string;
  aggregate: TrendMetric['aggregate'];
  higherIsBetter: boolean | null;
  group: TrendGroup;
  /** `portfolio`, a team's name or a repository's name. */
  subject: string;
  /** Repositories whose values make the series. */
  repositories: string[];
  /** One value per point, null where it is not known. */
  values: Array<number | null>;
  first: number | null;
  last: number | null;
  /** last − first, null when either is unknown. */
  change: number | null;
}

export interface Trend {
  by: TrendGroup;
  reference: string;
  since: string | null;
  points: TrendPoint[];
  series: TrendSeries[];
}

interface Column extends TrendPoint {
  /** The snapshot showing each repository at the point. */
  byRepo: Map<string, number>;
}

export async function buildTrend(store: Store, options: TrendOptions): Promise<Trend> {
  const snaps = await trendSnapshots(store);
  const metrics = await metricsFor(store, options.metric);
  const empty = { by: options.by, reference: options.today, since: options.since ?? null };
  if (snaps.length === 0) return { ...empty, points: [], series: [] };
  const columns = columnsOf(snaps, options);
  const cells = await cellValues(store, columns, metrics, options);
  const repos = [...new Set(snaps.map((s) => s.repository))].sort();
  const series: TrendSeries[] = [];
  for (const m of metrics) {
    const s = m.source;
    if (s.kind === 'costs' && !options.costs?.length) continue;
    for (const [subject, members] of groupsOf(options, repos)) {
      const values =
        s.kind === 'costs'
          ? columns.map((c) => monthlyCost(options, subject, c.date.slice(0, 7), s.measure))
          : columns.map((c, i) =>
              aggregate(
                m.aggregate,
                members.filter((r) => c.byRepo.has(r)).map((r) => cells.get(`${i}\0${r}\0${m.id}`) ?? null),
              ),
            );
      const known = values.filter((v): v is number => v !== null);
      const first = known[0] ?? null;
      const last = values.at(-1) ?? null;
      series.push({
        metric: m.id,
        label: m.label,
        unit: m.unit,
        aggregate: m.aggregate,
        higherIsBetter: m.higherIsBetter,
        group: options.by,
        subject,
        repositories: members,
        values: values.map(round),
        first: round(first),
        last: round(last),
        change: first === null || last === null ? null : round(last - first),
      });
    }
  }
  const points = columns.map(({ date, kind, partial }) => ({ date, kind, partial }));
  return { by: options.by, reference: options.today, since: options.since ?? null, points, series };
}

const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/**
 * Spend of one month allocated to the subject (the portfolio: all of it), rounded to cents; null when
 * the costs are in more than one currency, which never add up.
 */
function monthlyCost(
  options: TrendOptions,
  subject: string,
  month: string,
  measure: 'billed' | 'effective',
): number | null {
  const costs = options.costs ?? [];
  if (new Set(costs.map((c) => c.currency)).size > 1) return null;
  let sum = 0n;
  for (const c of costs) {
    if (c.month !== month) continue;
    if (options.by === 'team' && c.team !== subject) continue;
    if (options.by === 'repository' && c.repository !== subject) continue;
    sum += c[measure];
  }
  return Number(roundAmount(sum));
}

/** The metrics a name asks for: key metrics by family or id, else a stored metric by its name. */
async function metricsFor(
  store: Store,
  name: string | readonly string[] | undefined,
): Promise<TrendMetric[]> {
  if (name === undefined) return [...KEY_METRICS];
  if (typeof name !== 'string') {
    // Several series by id (a key metric's id, not its family), each once.
    const out = new Map<string, TrendMetric>();
    for (const n of name) {
      const key = KEY_METRICS.find((m) => m.id === n);
      const unit = key ? null : await storedMetricUnit(store, n);
      const m = key ?? (unit !== undefined ? storedMetric(n, unit) : undefined);
      if (m) out.set(m.id, m);
    }
    return [...out.values()];
  }
  const key = keyMetricsNamed(name);
  if (key.length > 0) return key;
  const unit = await storedMetricUnit(store, name);
  if (unit === undefined) {
    const families = [...new Set(KEY_METRICS.map((m) => m.family))].join(', ');
    throw new CtoError(
      'USAGE',
      `no metric named "${name}": key metrics are ${families}; or name any stored metric (\`cto sql "select distinct metric from metrics"\`)`,
    );
  }
  return [storedMetric(name, unit)];
}

/**
 * The points: each date a historical snapshot shows (on or after `since`), then the current snapshots
 * on the reference day. At a date, a repository shows its latest historical snapshot at or before it.
 */
function columnsOf(snaps: readonly TrendSnapshot[], options: TrendOptions): Column[] {
  const historical = snaps.filter((s) => s.asOf !== null);
  const dates = [...new Set(historical.map((s) => s.asOf as string))]
    .filter((d) => options.since === undefined || d >= options.since)
    .sort();
  const columns: Column[] = dates.map((date) => {
    const byRepo = new Map<string, number>();
    for (const s of historical) if ((s.asOf as string) <= date) byRepo.set(s.repository, s.snapshotId); // sorted by date
    return { date, kind: 'historical', partial: false, byRepo };
  });
  const current = new Map(snaps.filter((s) => s.asOf === null).map((s) => [s.repository, s.snapshotId]));
  const base = options.baseline;
  const out =
    base && base.date < options.today
      ? [
          ...columns.filter((c) => c.date !== base.date),
          { date: base.date, kind: 'historical' as const, partial: false, byRepo: base.byRepo },
        ].sort((a, b) => a.date.localeCompare(b.date))
      : columns;
  out.push({ date: options.today, kind: 'current', partial: true, byRepo: current });
  return out;
}

/** The groups of repositories a series is made for: the portfolio, each team (whole repositories it owns), or each repository. */
function groupsOf(options: TrendOptions, repos: readonly string[]): Array<[string, string[]]> {
  if (options.by === 'portfolio') return [['portfolio', [...repos]]];
  if (options.by === 'repository') return repos.map((r) => [r, [r]]);
  return options.teams
    .map((t): [string, string[]] => [
      t.name,
      repos.filter((r) => teamsOwning(options.teams, r).includes(t.name)),
    ])
    .filter(([, members]) => members.length > 0);
}

/** Each repository's value of each metric at each point, keyed `column\0repository\0metric`. */
async function cellValues(
  store: Store,
  columns: readonly Column[],
  metrics: readonly TrendMetric[],
  options: TrendOptions,
): Promise<Map<string, number | null>> {
  const cells = new Map<string, number | null>();
  const ids = [...new Set(columns.flatMap((c) => [...c.byRepo.values()]))];
  const storedNames = metrics.flatMap((m) => (m.source.kind === 'stored' ? [m.source.metric] : []));
  const storedValues = new Map<string, number | null>();
  const rows = await trendMetricRows(store, ids, storedNames);
  // A repository's value: the row for the repository as a whole; else the sum of its repository-scope rows.
  for (const r of rows.filter((x) => x.scope === 'repository' && x.subject !== ''))
    storedValues.set(
      `${r.snapshotId}\0${r.metric}`,
      (storedValues.get(`${r.snapshotId}\0${r.metric}`) ?? 0) + (r.value ?? 0),
    );
  for (const r of rows.filter((x) => x.subject === ''))
    storedValues.set(`${r.snapshotId}\0${r.metric}`, r.value);
  const scores = metrics.some((m) => m.source.kind === 'hotspot-concentration')
    ? await hotspotScores(store, ids)
    : new Map();
  const feeds = await listFeedImports(store);
  const wantsRegister = metrics.some((m) => m.source.kind === 'register');
  const register = wantsRegister ? await registerState(store) : null;
  const firstSeen = new Map<string, string>();
  for (const [i, column] of columns.entries()) {
    const matched =
      metrics.some((m) => m.source.kind === 'vulnerabilities') || wantsRegister
        ? await vulnerabilityCounts(
            store,
            column,
            feeds.some((f) => f.feed === 'osv'),
          )
        : null;
    const vulns = matched?.counts ?? null;
    const risks = register
      ? await registerCounts(store, column, options, register, firstSeen, matched?.findings ?? [])
      : null;
    const eol = metrics.some((m) => m.source.kind === 'end-of-life')
      ? await endOfLifeCounts(store, column, options.eolWindowMonths)
      : null;
    for (const [repo, id] of column.byRepo)
      for (const m of metrics) {
        const s = m.source;
        const value =
          s.kind === 'stored'
            ? (storedValues.get(`${id}\0${s.metric}`) ?? null)
            : s.kind === 'hotspot-concentration'
              ? topTenShare(scores.get(id) ?? [])
              : s.kind === 'vulnerabilities'
                ? (vulns?.get(repo)?.get(s.level ?? 'all') ?? null)
                : s.kind === 'register'
                  ? (risks?.get(repo)?.[s.measure] ?? null)
                  : s.kind === 'costs'
                    ? null
                    : (eol?.get(repo) ?? null);
        cells.set(`${i}\0${repo}\0${m.id}`, value);
      }
  }
  return cells;
}

/**
 * Open vulnerabilities per repository and level at the point, with the advisories published by its
 * date. Null (not checked) for a repository with dependencies in an ecosystem no OSV feed covers.
 */
async function vulnerabilityCounts(
  store: Store,
  column: Column,
  anyFeed: boolean,
): Promise<{ counts: Map<string, Map<string, number>>; findings: VulnFinding[] } | null> {
  if (!anyFeed) return null;
  const ids = [...column.byRepo.values()];
  const report = await findVulnerabilities(store, { snapshotIds: ids, asOf: column.date });
  const unchecked = new Set(report.missingFeeds.map((m) => m.repository));
  // A package version is exposed at runtime when any of its occurrences is.
  const runtime = new Set(
    (await currentDependencies(store, undefined, ids))
      .filter((d) => d.exposure === 'runtime')
      .map((d) => `${d.repository}\0${d.ecosystem}\0${d.name}\0${d.version}`),
  );
  const levels = ['all', 'critical', 'high', 'medium', 'low', 'runtime', 'runtime-critical-high'];
  const out = new Map<string, Map<string, number>>();
  for (const repo of column.byRepo.keys())
    if (!unchecked.has(repo)) out.set(repo, new Map(levels.map((l) => [l, 0])));
  const add = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const f of report.findings) {
    const counts = out.get(f.repository);
    if (!counts) continue;
    add(counts, 'all');
    if (['critical', 'high', 'medium', 'low'].includes(f.severity.level)) add(counts, f.severity.level);
    if (runtime.has(`${f.repository}\0${f.ecosystem}\0${f.name}\0${f.version}`)) {
      add(counts, 'runtime');
      if (f.severity.level === 'critical' || f.severity.level === 'high')
        add(counts, 'runtime-critical-high');
    }
  }
  return { counts: out, findings: report.findings };
}

interface RegisterState {
  /** The day the register first saw each key. */
  firstSeen: Map<string, string>;
  /** Keys decided not affected or false positive: never counted. */
  excluded: Set<string>;
  /** Accepted keys: not counted from the day of the acceptance through its expiry. */
  accepted: Map<string, { from: string; expires: string }>;
}

async function registerState(store: Store): Promise<RegisterState> {
  const rows = await registerRows(store);
  const state: RegisterState = { firstSeen: new Map(), excluded: new Set(), accepted: new Map() };
  const acceptedKeys: string[] = [];
  for (const r of rows) {
    state.firstSeen.set(r.key, r.first_seen_at.slice(0, 10));
    const d = r.decision ? (JSON.parse(r.decision) as Decision) : null;
    if (d?.decision === 'accept') {
      state.accepted.set(r.key, { from: '0000-00-00', expires: d.expires });
      acceptedKeys.push(r.key);
    } else if (d) state.excluded.add(r.key);
  }
  for (const e of await registerEvents(store, acceptedKeys)) {
    const a = state.accepted.get(e.risk_key);
    if (a && e.event === 'accepted') a.from = e.at.slice(0, 10);
  }
  return state;
}

/**
 * Open and overdue risks per repository at the point (docs/trend.md, "The register at past dates"):
 * the problems of the point's snapshots judged on its date, less those decided in the register; a
 * problem's first day is the earlier of the register's first sight and the first point (in date
 * order, `firstSeen` carries it) it was open at; it is overdue once that day plus its severity's SLA
 * has passed.
 */
async function registerCounts(
  store: Store,
  column: Column,
  options: TrendOptions,
  register: RegisterState,
  firstSeen: Map<string, string>,
  vulnerabilities: VulnFinding[],
): Promise<Map<string, { open: number; overdue: number }>> {
  const problems = await collectProblems(store, {
    today: column.date,
    snapshotIds: [...column.byRepo.values()],
    teams: options.teams,
    windowMonths: options.eolWindowMonths,
    vulnerabilities,
  });
  const out = new Map([...column.byRepo.keys()].map((r) => [r, { open: 0, overdue: 0 }]));
  const sla = options.sla ?? DEFAULT_SLA;
  const seen = new Set<string>();
  for (const p of problems) {
    const counts = out.get(p.repository);
    if (!counts || seen.has(p.key) || register.excluded.has(p.key)) continue;
    seen.add(p.key);
    const accepted = register.accepted.get(p.key);
    if (accepted && accepted.from <= column.date && column.date <= accepted.expires) continue;
    const first = [register.firstSeen.get(p.key), firstSeen.get(p.key), column.date]
      .filter((d): d is string => d !== undefined)
      .sort()[0] as string;
    firstSeen.set(p.key, first);
    counts.open += 1;
    const days = sla[p.severity as keyof Sla];
    if (days !== undefined && addDays(first, days) < column.date) counts.overdue += 1;
  }
  return out;
}

/**
 * Items past their end of life per repository at the point's date, less the cycles only CI tests beside a
 * supported one (findings/eol/compatibility.ts); null when no lifecycle data is loaded.
 */
async function endOfLifeCounts(
  store: Store,
  column: Column,
  windowMonths: number,
): Promise<Map<string, number> | null> {
  const { rows, productsLoaded } = await findEol(store, {
    today: column.date,
    windowMonths,
    snapshotIds: [...column.byRepo.values()],
  });
  if (productsLoaded === 0) return null;
  const out = new Map<string, number>([...column.byRepo.keys()].map((r) => [r, 0]));
  const judge = compatibilityJudge(rows);
  for (const r of rows) {
    if (r.status !== 'past-eol') continue;
    // A cycle only CI tests beside a supported one is a compatibility test, not a runtime past its end.
    if (judge.row(r)) continue;
    out.set(r.repository, (out.get(r.repository) ?? 0) + 1);
  }
  return out;
}
