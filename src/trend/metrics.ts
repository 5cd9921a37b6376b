// The key metrics of `cto trend` (docs/trend.md): what each one reads from a snapshot, and how the
// values of several repositories combine into a team's or the portfolio's.

export type Aggregate = 'sum' | 'min' | 'median';

/** Where a repository's value at a point comes from. */
export type Source =
  /** A stored metric of the snapshot: the row with subject '' (the repository as a whole). */
  | { kind: 'stored'; metric: string }
  /**
   * Open vulnerabilities of the snapshot's dependencies, known at the point's date: at a level, in
   * dependencies exposed at runtime (`runtime`), or all (null).
   */
  | { kind: 'vulnerabilities'; level: VulnerabilityLevel | null }
  /** Runtimes, images and packages past their end of life at the point's date. */
  | { kind: 'end-of-life' }
  /** Share (%) of the summed hotspot score held by the ten top files. */
  | { kind: 'hotspot-concentration' }
  /** Problems of the risk register open at the point, or open past their SLA due date (docs/trend.md). */
  | { kind: 'register'; measure: 'open' | 'overdue' }
  /**
   * Cloud and SaaS spend of the calendar month of the point's date, allocated by the `costs` rules
   * (docs/costs.md): not read from a snapshot, so a team's and a repository's value is what is allocated
   * to it, not a sum over its repositories.
   */
  | { kind: 'costs'; measure: 'billed' | 'effective' };

/** A severity level, exposure at runtime, or both (critical and high in runtime dependencies). */
type VulnerabilityLevel = 'critical' | 'high' | 'medium' | 'low' | 'runtime' | 'runtime-critical-high';

export interface TrendMetric {
  /** The series id (what `cto trend <metric>` and the JSON name). */
  id: string;
  /** The name `cto trend <name>` asks for a family by (`vulnerabilities` gives every level). */
  family: string;
  label: string;
  unit: string;
  aggregate: Aggregate;
  /** True when a rise is good news (code size is neither: null). */
  higherIsBetter: boolean | null;
  source: Source;
}

const stored = (
  id: string,
  label: string,
  unit: string,
  aggregate: Aggregate,
  higherIsBetter: boolean | null,
): TrendMetric => ({
  id,
  family: id,
  label,
  unit,
  aggregate,
  higherIsBetter,
  source: { kind: 'stored', metric: id },
});

const vulns = (level: VulnerabilityLevel | null): TrendMetric => ({
  id: level ? `vulnerabilities-${level}` : 'vulnerabilities',
  family: 'vulnerabilities',
  label:
    level === 'runtime'
      ? 'open vulnerabilities, runtime exposure'
      : level === 'runtime-critical-high'
        ? 'open vulnerabilities, critical and high, runtime exposure'
        : level
          ? `open vulnerabilities, ${level}`
          : 'open vulnerabilities',
  unit: 'vulnerabilities',
  aggregate: 'sum',
  higherIsBetter: false,
  source: { kind: 'vulnerabilities', level },
});

/** The key metrics, in the order they are shown. */
export const KEY_METRICS: readonly TrendMetric[] = [
  stored('code-lines', 'code size', 'lines', 'sum', null),
  stored('active-contributors-90d', 'contributors active (90 days)', 'people', 'sum', true),
  stored('truck-factor', 'truck factor (lowest)', 'people', 'min', true),
  stored('truck-factor-active', 'truck factor among active people (lowest)', 'people', 'min', true),
  stored('releases-365d', 'releases (365 days)', 'releases', 'sum', true),
  stored('lead-time-median-365d', 'lead time, median (365 days)', 'days', 'median', false),
  vulns(null),
  vulns('critical'),
  vulns('high'),
  vulns('medium'),
  vulns('low'),
  vulns('runtime'),
  vulns('runtime-critical-high'),
  {
    id: 'end-of-life',
    family: 'end-of-life',
    label: 'past end of life',
    unit: 'items',
    aggregate: 'sum',
    higherIsBetter: false,
    source: { kind: 'end-of-life' },
  },
  {
    id: 'hotspot-concentration',
    family: 'hotspot-concentration',
    label: 'hotspot concentration (top 10)',
    unit: '%',
    aggregate: 'median',
    higherIsBetter: false,
    source: { kind: 'hotspot-concentration' },
  },
  register('open', 'risks open (register)'),
  register('overdue', 'risks open past their SLA (register)'),
  cost('billed', 'monthly billed cost (FOCUS)'),
  cost('effective', 'monthly effective cost (FOCUS)'),
];

function cost(measure: 'billed' | 'effective', label: string): TrendMetric {
  return {
    id: `cost-${measure}`,
    family: 'costs',
    label,
    unit: 'currency',
    aggregate: 'sum',
    higherIsBetter: false,
    source: { kind: 'costs', measure },
  };
}

function register(measure: 'open' | 'overdue', label: string): TrendMetric {
  return {
    id: `risks-${measure}`,
    family: 'risks',
    label,
    unit: 'risks',
    aggregate: 'sum',
    higherIsBetter: false,
    source: { kind: 'register', measure },
  };
}

/** Units whose values do not add up across repositories: a team's value is their median. */
const MEDIAN_UNITS = new Set(['ratio', '%', 'days', 'bucket']);

/** Any other stored metric, by name: summed across repositories, or their median for rates and durations. */
export function storedMetric(name: string, unit: string | null): TrendMetric {
  const aggregate: Aggregate = unit !== null && MEDIAN_UNITS.has(unit) ? 'median' : 'sum';
  return { ...stored(name, name, unit ?? '', aggregate, null) };
}

/** The key metrics a name asks for (a family or one series); empty when it names none. */
export function keyMetricsNamed(name: string): TrendMetric[] {
  return KEY_METRICS.filter((m) => m.family === name || m.id === name);
}

/** The value of a group from its repositories' values (nulls left out; null when none is known). */
export function aggregate(how: Aggregate, values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  if (how === 'sum') return known.reduce((a, b) => a + b, 0);
  if (how === 'min') return Math.min(...known);
  const sorted = [...known].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Share (%, one decimal) of the summed score held by the ten highest scores; null without scores. */
export function topTenShare(scores: readonly number[]): number | null {
  const total = scores.reduce((a, b) => a + b, 0);
  if (scores.length === 0 || total <= 0) return null;
  const top = [...scores].sort((a, b) => b - a).slice(0, 10);
  return Math.round((top.reduce((a, b) => a + b, 0) / total) * 1000) / 10;
}
