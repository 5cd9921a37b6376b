// What `cto risks` shows of the register: the rows chosen, most urgent first (overdue, then by
// score; ties by owner team, repository and key), and the overdue ones as `risk-overdue` findings
// (docs/metrics/risk.md#risk-overdue).

import { DAY_MS } from '../reference-date.ts';
import type { Finding, Severity } from '../results.ts';
import type { RiskRow } from '../store/risks.ts';
import type { RiskStatus } from '../store/schema.ts';

export const RISK_STATUSES: readonly RiskStatus[] = [
  'open',
  'accepted',
  'not-affected',
  'false-positive',
  'closed',
];

interface RiskFilter {
  statuses: readonly RiskStatus[];
  repository?: string;
  team?: string;
}

/** Days an open risk is past its SLA due date on `today` (0 on the due date); null when not overdue. */
export function overdueDays(r: RiskRow, today: string): number | null {
  if (r.status !== 'open' || r.sla_due === null || r.sla_due >= today) return null;
  return Math.round((Date.parse(today) - Date.parse(r.sla_due)) / DAY_MS);
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The rows that pass the filter, most urgent first. */
export function selectRisks(rows: readonly RiskRow[], filter: RiskFilter, today: string): RiskRow[] {
  const team = filter.team?.toLowerCase();
  return rows
    .filter(
      (r) =>
        filter.statuses.includes(r.status) &&
        (filter.repository === undefined || r.repository === filter.repository) &&
        (team === undefined || r.owner.toLowerCase() === team),
    )
    .map((r) => ({ r, late: overdueDays(r, today) }))
    .sort(
      (a, b) =>
        Number(b.late !== null) - Number(a.late !== null) ||
        b.r.score - a.r.score ||
        compareText(a.r.owner, b.r.owner) ||
        compareText(a.r.repository, b.r.repository) ||
        compareText(a.r.key, b.r.key),
    )
    .map((x) => x.r);
}

/** One `risk-overdue` finding per open risk past its SLA due date. */
export function overdueFindings(rows: readonly RiskRow[], today: string): Finding[] {
  return rows.flatMap((r) => {
    const late = overdueDays(r, today);
    if (late === null) return [];
    return [
      {
        rule: 'risk-overdue',
        severity: r.severity as Severity,
        subject: r.key,
        title: `${r.title}: open ${late} ${late === 1 ? 'day' : 'days'} past its SLA (due ${r.sla_due})`,
        owner: r.owner,
        evidence: {
          sql: `select * from risk_events where risk_key = '${r.key.replaceAll("'", "''")}' order by id`,
        },
      },
    ];
  });
}
