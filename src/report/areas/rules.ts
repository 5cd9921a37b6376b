// The rating rules over an area's metrics (docs/report.md#rating-rules-over-metrics): each rule reads
// repository-level metrics and says red or amber with a reason; the area takes the worst of its
// findings' rating and these.
import { overdueDays } from '../../risk/register-view.ts';
import type { RiskRow } from '../../store/risks.ts';
import type { ReportMetric } from '../data.ts';

export interface MetricRule {
  rating: 'red' | 'amber';
  /** One sentence a reader understands, with the figures and the repositories. */
  reason: string;
}

/** A threshold over one metric: amber above `amber`, red above `red` (both exclusive). */
interface Threshold {
  metric: string;
  amber: number;
  red: number;
  /** What the figure is, in words: "change failure proxy". */
  name: string;
  format: (v: number) => string;
  source: string;
}

const percent = (v: number) => `${Math.round(100 * v)}%`;
const days = (v: number) => `${Math.round(v)} days`;

/**
 * Delivery against the performance clusters of the 2022 Accelerate State of DevOps report (DORA):
 * change failure rate high 0-15%, medium 16-30%, low 46-60%; lead time for changes high 1 day-1 week,
 * medium 1 week-1 month, low 1-6 months. Outside the medium cluster is amber, in the low one red.
 * Over the releases of the last 365 days only: the same figures over older releases (stored for a
 * repository with none in that window) describe how it delivered then, not now; what to act on there
 * is the work waiting for a release (`unreleasedRule`).
 */
const DELIVERY_THRESHOLDS: Threshold[] = [
  {
    metric: 'change-failure-rate-365d',
    amber: 0.3,
    red: 0.45,
    name: 'change failure proxy',
    format: percent,
    source: 'DORA 2022: medium up to 30%, low 46-60%',
  },
  {
    metric: 'rework-rate-365d',
    amber: 0.3,
    red: 0.45,
    name: 'rework proxy',
    format: percent,
    source: 'same thresholds as change failure',
  },
  {
    metric: 'lead-time-median-365d',
    amber: 30,
    red: 180,
    name: 'median lead time for changes',
    format: days,
    source: 'DORA 2022: medium up to one month, low one to six months',
  },
];

export function deliveryRules(metrics: ReportMetric[]): MetricRule[] {
  return [...DELIVERY_THRESHOLDS.flatMap((t) => thresholdRule(metrics, t)), ...unreleasedRule(metrics)];
}

/** The repository-level value of each repository for `name`. */
function byRepository(metrics: readonly ReportMetric[], name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of metrics)
    if (m.metric === name && m.subject === '' && typeof m.value === 'number') out.set(m.repository, m.value);
  return out;
}

function thresholdRule(metrics: ReportMetric[], t: Threshold): MetricRule[] {
  const byRepo = byRepository(metrics, t.metric);
  const over = (limit: number) =>
    [...byRepo].filter(([, v]) => v > limit).sort(([a], [b]) => a.localeCompare(b));
  const red = over(t.red);
  const amber = over(t.amber).filter(([r]) => !red.some(([x]) => x === r));
  const out: MetricRule[] = [];
  const list = (l: [string, number][]) => l.map(([r, v]) => `${r} ${t.format(v)}`).join(', ');
  if (red.length)
    out.push({ rating: 'red', reason: `${cap(t.name)} over ${t.format(t.red)}: ${list(red)}.` });
  if (amber.length)
    out.push({ rating: 'amber', reason: `${cap(t.name)} over ${t.format(t.amber)}: ${list(amber)}.` });
  return out;
}

/**
 * A repository that has released before, none in the last 365 days, with changes in no release:
 * work waiting to ship (or shipped without a version tag). Amber, never red: the tags are a proxy.
 */
function unreleasedRule(metrics: readonly ReportMetric[]): MetricRule[] {
  const releases = byRepository(metrics, 'releases');
  const recent = byRepository(metrics, 'releases-365d');
  const waiting = byRepository(metrics, 'unreleased-commits');
  const oldest = byRepository(metrics, 'unreleased-age-max');
  const stalled = [...waiting]
    .filter(([r, n]) => n > 0 && (releases.get(r) ?? 0) > 0 && recent.get(r) === 0)
    .sort(([a], [b]) => a.localeCompare(b));
  if (stalled.length === 0) return [];
  const list = stalled
    .map(([r, n], i) => {
      const age = oldest.get(r);
      const noun = i === 0 ? (n === 1 ? ' change' : ' changes') : '';
      return `${r} ${n}${noun}${age === undefined ? '' : ` (the oldest ${days(age)})`}`;
    })
    .join(', ');
  return [{ rating: 'amber', reason: `No release in the last 365 days, with changes waiting: ${list}.` }];
}

/**
 * Knowledge: a repository whose truck factor is 1 or less (one person leaving, or nobody left, stalls
 * it) is amber; red when half or more of the measured repositories are. The figures are the truck
 * factors among people active at the report's day (report/knowledge.ts) where the caller has them,
 * else the published ones; `among` says which, for the line.
 */
export function knowledgeRules(
  truck: ReadonlyArray<{ repository: string; value: number }>,
  among: string,
): MetricRule[] {
  const ones = truck
    .filter((t) => t.value <= 1)
    .map((t) => `${t.repository} ${t.value}`)
    .sort();
  if (ones.length === 0) return [];
  return [
    {
      rating: 2 * ones.length >= truck.length ? 'red' : 'amber',
      reason: `Truck factor 1 or less ${among} in ${ones.length} of ${truck.length} repositories: ${ones.join(', ')}.`,
    },
  ];
}

/**
 * Security: the area's open risks in the register past their SLA due date (`risk: sla:` in cto.yaml,
 * default critical 7, high 30, medium 90 days from first seen), weighed by exposure. Red: a critical
 * or high one exposed at runtime (shipped code). Amber: any other one exposed at runtime or build, or
 * a critical one anywhere else (CI, development, test, example, docs). Accepted risks are not overdue.
 */
export function securityRules(register: readonly RiskRow[], today: string): MetricRule[] {
  const late = register.filter((r) => r.area === 'infrastructure-security' && overdueDays(r, today) !== null);
  const serious = (r: RiskRow) => r.severity === 'critical' || r.severity === 'high';
  const red = late.filter((r) => r.exposure === 'runtime' && serious(r));
  const amber = late.filter(
    (r) =>
      !red.includes(r) && (r.exposure === 'runtime' || r.exposure === 'build' || r.severity === 'critical'),
  );
  const out: MetricRule[] = [];
  if (red.length)
    out.push({
      rating: 'red',
      reason: `${count(red.length, 'critical or high risk')} exposed at runtime past the SLA due date: ${perRepository(red)}.`,
    });
  if (amber.length)
    out.push({
      rating: 'amber',
      reason: `${count(amber.length, `${red.length ? 'other ' : ''}risk`)} past the SLA due date (${exposures(amber)}): ${perRepository(amber)}.`,
    });
  return out;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "express 2, axios 1": repositories by count, most first. */
function perRepository(rows: readonly RiskRow[]): string {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.repository, (n.get(r.repository) ?? 0) + 1);
  return [...n]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([r, k]) => `${r} ${k}`)
    .join(', ');
}

/** "runtime, build": the exposures present, most exposed first. */
function exposures(rows: readonly RiskRow[]): string {
  const order = ['runtime', 'build', 'ci', 'development', 'test', 'example', 'docs'];
  const present = new Set(rows.map((r) => r.exposure));
  return order.filter((e) => present.has(e)).join(', ');
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
