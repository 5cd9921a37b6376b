// The risk register (docs/risk.md#risk-register): the current problems turned into changes of the
// register that lasts across snapshots. A problem seen for the first time opens; one no longer seen
// in the latest scan of its repository closes, dated; one seen again after closing reopens under
// the same key, its history kept. Decisions from risks.yaml set the status of what is seen.

import { DAY_MS } from '../reference-date.ts';
import { type NewRiskEvent, type RiskRow, registerRows, saveRegister } from '../store/risks.ts';
import type { RiskEventKind, RiskStatus } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { Sla } from './config.ts';
import type { Decision, DecisionEntry } from './decisions.ts';
import { decisionFor } from './decisions.ts';
import type { Problem } from './types.ts';

/** A repository whose latest scan the problems reflect: its risks not among them are closed. */
export interface RegisterScope {
  repository: string;
  snapshotId: number | null;
  commit: string | null;
}

export interface SyncInput {
  /** The current problems of the repositories in `scopes` (others are ignored). */
  problems: readonly Problem[];
  scopes: readonly RegisterScope[];
  decisions: readonly DecisionEntry[];
  sla: Sla;
  /** When the sync happens (ISO 8601); its day is the reference date for expiries. */
  at: string;
  score: (p: Problem) => number;
}

export interface RegisterChanges {
  rows: RiskRow[];
  events: NewRiskEvent[];
}

/** `YYYY-MM-DD` plus `n` days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The SLA due date of a risk first seen at `firstSeen`; null when its severity has no SLA. */
function slaDue(sla: Sla, severity: string, firstSeen: string): string | null {
  const days = sla[severity as keyof Sla];
  return days === undefined ? null : addDays(firstSeen, days);
}

const DECIDED: Record<Decision['decision'], RiskStatus & RiskEventKind> = {
  accept: 'accepted',
  'not-affected': 'not-affected',
  'false-positive': 'false-positive',
};

/** The status a seen risk takes under its decision on `today`: an acceptance holds through its expiry date. */
function statusUnder(
  decision: Decision | null,
  today: string,
): { status: RiskStatus; inForce: Decision | null } {
  if (!decision) return { status: 'open', inForce: null };
  if (decision.decision === 'accept' && decision.expires < today) return { status: 'open', inForce: null };
  return { status: DECIDED[decision.decision], inForce: decision };
}

function decisionDetail(d: Decision): string {
  if (d.decision === 'accept') return `${d.reason} (owner ${d.owner}, until ${d.expires})`;
  if (d.decision === 'not-affected') return d.detail ? `${d.justification}: ${d.detail}` : d.justification;
  return d.reason;
}

/** The register rows and events a sync makes from the rows it finds (`existing`). */
function planSync(existing: readonly RiskRow[], input: SyncInput): RegisterChanges {
  const today = input.at.slice(0, 10);
  const scopes = new Map(input.scopes.map((s) => [s.repository, s]));
  const before = new Map(existing.map((r) => [r.key, r]));
  const rows: RiskRow[] = [];
  const events: NewRiskEvent[] = [];
  const event = (
    key: string,
    kind: RiskEventKind,
    scope: RegisterScope | undefined,
    detail: string | null,
    at = input.at,
  ) =>
    events.push({
      risk_key: key,
      event: kind,
      at,
      snapshot_id: scope?.snapshotId ?? null,
      commit_sha: scope?.commit ?? null,
      detail,
    });
  const seen = new Set<string>();
  for (const p of input.problems) {
    const scope = scopes.get(p.repository);
    if (!scope || seen.has(p.key)) continue;
    seen.add(p.key);
    const prev = before.get(p.key);
    const decision = decisionFor(input.decisions, { ...p, aliases: p.aliases });
    const { status, inForce } = statusUnder(decision, today);
    const firstSeen = prev?.first_seen_at ?? input.at;
    rows.push({
      key: p.key,
      repository: p.repository,
      kind: p.kind,
      area: p.area,
      subject: p.subject,
      title: p.title,
      owner: p.owner,
      exposure: p.exposure,
      severity: p.severity,
      score: input.score(p),
      direct: p.direct === null ? null : p.direct ? 1 : 0,
      aliases: JSON.stringify(p.aliases),
      versions: JSON.stringify(
        [...new Set(p.occurrences.flatMap((o) => (o.version ? [o.version] : [])))].sort(),
      ),
      since: p.since,
      action: p.action,
      first_seen_at: firstSeen,
      last_seen_at: input.at,
      closed_at: null,
      status,
      sla_due: slaDue(input.sla, p.severity, firstSeen),
      decision: inForce ? JSON.stringify(inForce) : null,
    });
    if (!prev) event(p.key, 'opened', scope, null);
    else if (prev.status === 'closed') event(p.key, 'reopened', scope, null);
    const was = prev && prev.status !== 'closed' ? prev : null;
    const wasDecision = was?.decision ?? null;
    const nowDecision = inForce ? JSON.stringify(inForce) : null;
    if (nowDecision !== null && nowDecision !== wasDecision)
      event(p.key, DECIDED[(inForce as Decision).decision], undefined, decisionDetail(inForce as Decision));
    else if (nowDecision === null && wasDecision !== null) {
      const old = JSON.parse(wasDecision) as Decision;
      const expired =
        decision?.decision === 'accept' && old.decision === 'accept' && decision.expires === old.expires;
      if (expired)
        event(p.key, 'expired', undefined, decisionDetail(old), `${addDays(old.expires, 1)}T00:00:00.000Z`);
      else event(p.key, 'withdrawn', undefined, decisionDetail(old));
    }
  }
  for (const r of existing) {
    const scope = scopes.get(r.repository);
    if (!scope || seen.has(r.key) || r.status === 'closed') continue;
    rows.push({ ...r, status: 'closed', closed_at: input.at });
    event(r.key, 'closed', scope, null);
  }
  return { rows, events };
}

/** Apply a sync to the store: read the scoped repositories' rows, write what changed. */
export async function syncRegister(store: Store, input: SyncInput): Promise<RegisterChanges> {
  const existing = await registerRows(
    store,
    input.scopes.map((s) => s.repository),
  );
  const changes = planSync(existing, input);
  await saveRegister(store, changes.rows, changes.events);
  return changes;
}
