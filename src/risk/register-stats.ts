// Mean time to remediate from the register (docs/metrics/risk.md#time-to-remediate): the median
// days from first seen to closed, per severity, owner team and repository, and the age of what is
// still open on the reference date (median and oldest).

import { DAY_MS } from '../reference-date.ts';
import type { RiskRow } from '../store/risks.ts';

export interface RemediationGroup {
  /** The severity, team or repository. */
  name: string;
  closed: number;
  /** Median days from first seen to closed, one decimal; null when none closed. */
  medianDaysToClose: number | null;
  open: number;
  /** Median age in days of the open risks on the reference date; null when none is open. */
  medianOpenDays: number | null;
  oldestOpenDays: number | null;
  /** The key of the oldest open risk. */
  oldestOpen: string | null;
}

interface RemediationStats {
  /** The reference date ages are counted to (YYYY-MM-DD). */
  today: string;
  all: RemediationGroup;
  bySeverity: RemediationGroup[];
  byTeam: RemediationGroup[];
  byRepository: RemediationGroup[];
}

/** The median of numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const oneDecimal = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

function group(name: string, rows: readonly RiskRow[], today: string): RemediationGroup {
  const closed = rows.filter((r) => r.status === 'closed' && r.closed_at !== null);
  const open = rows
    .filter((r) => r.status === 'open')
    .map((r) => ({ key: r.key, days: Math.max(0, daysBetween(r.first_seen_at.slice(0, 10), today)) }))
    .sort((a, b) => b.days - a.days || (a.key < b.key ? -1 : 1));
  return {
    name,
    closed: closed.length,
    medianDaysToClose: oneDecimal(
      median(closed.map((r) => daysBetween(r.first_seen_at, r.closed_at as string))),
    ),
    open: open.length,
    medianOpenDays: oneDecimal(median(open.map((o) => o.days))),
    oldestOpenDays: oneDecimal(open[0]?.days ?? null),
    oldestOpen: open[0]?.key ?? null,
  };
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

function by(
  rows: readonly RiskRow[],
  field: 'severity' | 'owner' | 'repository',
  today: string,
): RemediationGroup[] {
  const groups = new Map<string, RiskRow[]>();
  for (const r of rows) {
    const list = groups.get(r[field]);
    if (list) list.push(r);
    else groups.set(r[field], [r]);
  }
  const order = (name: string) => (field === 'severity' ? SEVERITIES.indexOf(name) : 0);
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, list]) => group(name, list, today));
}

/** Statistics of the register's rows; open ages are whole days from the day first seen to `today`. */
export function remediationStats(rows: readonly RiskRow[], today: string): RemediationStats {
  return {
    today,
    all: group('all', rows, today),
    bySeverity: by(rows, 'severity', today),
    byTeam: by(rows, 'owner', today),
    byRepository: by(rows, 'repository', today),
  };
}
