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
  /** The metrics read, first present wins per repository. */
  metrics: string[];
  amber: number;
  red: number;
  /** What the figure is, in words: "change failure proxy". */
  name: string;
  format: (v: number) => string;
  source: string;
  /** Said after a repository's figure when it comes from a later metric than the first (the fallback). */
  fallback: string;
}

const percent = (v: number) => `${Math.round(100 * v)}%`;
const days = (v: number) => `${Math.round(v)} days`;

/**
 * Delivery against the performance clusters of the 2022 Accelerate State of DevOps report (DORA):
 * change failure rate high 0-15%, medium 16-30%, low 46-60%; lead time for changes high 1 day-1 week,
 * medium 1 week-1 month, low 1-6 months. Outside the medium cluster is amber, in the low one red.
 */
const DELIVERY_THRESHOLDS: Threshold[] = [
  {
    metrics: ['change-failure-rate-365d', 'change-failure-rate'],
    amber: 0.3,
    red: 0.45,
    name: 'change failure proxy',
    format: percent,
    source: 'DORA 2022: medium up to 30%, low 46-60%',
    fallback: 'over all releases, none in the last 365 days',
  },
  {
    metrics: ['rework-rate-365d', 'rework-rate'],
    amber: 0.3,
    red: 0.45,
    name: 'rework proxy',
    format: percent,
    source: 'same thresholds as change failure',
    fallback: 'over all releases, none in the last 365 days',
  },
  {
    metrics: ['lead-time-median-365d', 'lead-time-median-last-10'],
    amber: 30,
    red: 180,
    name: 'median lead time for changes',
    format: days,
    source: 'DORA 2022: medium up to one month, low one to six months',
    fallback: 'last 10 releases, none in the last 365 days',
  },
];

export function deliveryRules(metrics: ReportMetric[]): MetricRule[] {
  return DELIVERY_THRESHOLDS.flatMap((t) => thresholdRule(metrics, t));
}

function thresholdRule(metrics: ReportMetric[], t: Threshold): MetricRule[] {
  const byRepo = new Map<string, number>();
  const fromFallback = new Set<string>();
  for (const name of [...t.metrics].reverse()) {
    for (const m of metrics) {
      if (m.metric === name && m.subject === '' && typeof m.value === 'number') {
        byRepo.set(m.repository, m.value);
        if (name === t.metrics[0]) fromFallback.delete(m.repository);
        else fromFallback.add(m.repository);
      }
    }
  }
  const over = (limit: number) =>
    [...byRepo].filter(([, v]) => v > limit).sort(([a], [b]) => a.localeCompare(b));
  // A figure from the fallback describes releases more than a year old: it can warn, never make the
  // area red (what to act on there is that nothing was released).
  const red = over(t.red).filter(([r]) => !fromFallback.has(r));
  const amber = over(t.amber).filter(([r]) => !red.some(([x]) => x === r));
  const out: MetricRule[] = [];
  // A figure read from the fallback metric says so: it is not the window the first metric counts.
  const list = (l: [string, number][]) =>
    l.map(([r, v]) => `${r} ${t.format(v)}${fromFallback.has(r) ? ` (${t.fallback})` : ''}`).join(', ');
  if (red.length)
    out.push({ rating: 'red', reason: `${cap(t.name)} over ${t.format(t.red)}: ${list(red)}.` });
  if (amber.length)
    out.push({ rating: 'amber', reason: `${cap(t.name)} over ${t.format(t.amber)}: ${list(amber)}.` });
  return out;
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
