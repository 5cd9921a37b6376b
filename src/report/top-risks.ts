// The summary's top risks: the risk register's open and accepted items of the report's repositories,
// as they stand on the report's day (docs/report.md#top-risks), highest score first, each risk once.
import type { Severity } from '../analyses/types.ts';
import type { Exposure } from '../collectors/types.ts';
import type { Decision } from '../risk/decisions.ts';
import { overdueDays } from '../risk/register-view.ts';
import type { RiskRow } from '../store/risks.ts';
import { q } from './data.ts';
import type { AreaId, TopRisk } from './types.ts';

/** The status a register row shows on `today`: an acceptance that has ended counts as open. */
function statusOn(
  r: RiskRow,
  today: string,
): { status: TopRisk['status']; due: string | null; late: number | null } {
  if (r.status === 'accepted' && r.decision !== null) {
    const d = JSON.parse(r.decision) as Decision;
    if (d.decision === 'accept' && d.expires >= today)
      return { status: 'accepted', due: d.expires, late: null };
  }
  const open = { ...r, status: 'open' as const };
  const late = overdueDays(open, today);
  return { status: late === null ? 'open' : 'overdue', due: r.sla_due, late };
}

/** The rows still at stake on `today`: open, or accepted (the others are decided away or closed). */
function liveRisks(rows: readonly RiskRow[]): RiskRow[] {
  return rows.filter((r) => r.status === 'open' || r.status === 'accepted');
}

/** Counts of the live rows on `today`. */
export function registerCounts(
  rows: readonly RiskRow[],
  today: string,
): { open: number; overdue: number; accepted: number } {
  const out = { open: 0, overdue: 0, accepted: 0 };
  for (const r of liveRisks(rows)) {
    const s = statusOn(r, today).status;
    if (s === 'accepted') out.accepted++;
    else {
      out.open++;
      if (s === 'overdue') out.overdue++;
    }
  }
  return out;
}

/**
 * What a row is known by: its key, and for a vulnerability its repository, package and every advisory
 * id (the key's advisory group id and its aliases), so one advisory seen under two ids is one risk.
 */
function identities(r: RiskRow): string[] {
  if (r.kind !== 'vulnerability') return [r.key];
  const aliases = JSON.parse(r.aliases) as string[];
  const ids = [r.key.slice(r.key.lastIndexOf(':') + 1), ...aliases].filter((x) => x.length > 0);
  return [r.key, ...ids.map((id) => `${r.repository}\0${r.subject}\0${id}`)];
}

/**
 * The `n` highest-scored live risks (score: severity × exposure × reachability × age), each risk once:
 * rows of the same repository and subject sharing an advisory id or alias are one risk (the higher
 * score kept). Ties: overdue first, then owner, repository and key.
 */
export function topRisks(
  rows: readonly RiskRow[],
  today: string,
  findingOf: (key: string) => string | null,
  n = 10,
): TopRisk[] {
  const shown = liveRisks(rows).map((r) => ({ r, s: statusOn(r, today) }));
  shown.sort(
    (a, b) =>
      b.r.score - a.r.score ||
      Number(b.s.late !== null) - Number(a.s.late !== null) ||
      cmp(a.r.owner, b.r.owner) ||
      cmp(a.r.repository, b.r.repository) ||
      cmp(a.r.key, b.r.key),
  );
  const seen = new Set<string>();
  const out: TopRisk[] = [];
  for (const { r, s } of shown) {
    const ids = identities(r);
    if (ids.some((id) => seen.has(id))) continue;
    for (const id of ids) seen.add(id);
    out.push({
      key: r.key,
      title: r.title,
      repository: r.repository,
      area: r.area as AreaId,
      kind: r.kind,
      severity: r.severity as Severity,
      exposure: r.exposure as Exposure,
      score: r.score,
      owner: r.owner,
      status: s.status,
      due: s.due,
      overdueDays: s.late,
      firstSeen: r.first_seen_at.slice(0, 10),
      action: r.action,
      findingId: findingOf(r.key),
      sql: `select * from risks where key = ${q(r.key)}`,
    });
    if (out.length === n) break;
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A top risk's status in words: "overdue 12 days", "open", "accepted"; its date is `due`. */
export function riskStatusText(r: Pick<TopRisk, 'status' | 'overdueDays'>): string {
  if (r.status === 'overdue') return `overdue ${r.overdueDays} ${r.overdueDays === 1 ? 'day' : 'days'}`;
  return r.status;
}

/** What a top risk's date is: "due 2026-12-13" (SLA), "until 2027-03-31" (acceptance), "no SLA". */
export function riskDueText(r: Pick<TopRisk, 'status' | 'due'>): string {
  if (r.due === null) return 'no SLA';
  return r.status === 'accepted' ? `until ${r.due}` : `due ${r.due}`;
}
