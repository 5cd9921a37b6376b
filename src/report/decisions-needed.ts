// "Decisions needed" on the summary page (docs/report.md#decisions-needed): what someone has to
// decide, from a list of sources. Each source reads what it needs from the context and returns items;
// the list is every source's items, soonest due first. To add a source (objectives off track,
// renewals due, proposed decisions, ...): write a `DecisionSource` and add it to DECISION_SOURCES.

import { formatMoney } from '../budget/money.ts';
import { renewalsToDecide } from '../budget/renewals.ts';
import type { Team } from '../office/teams.ts';
import { isoDay } from '../reference-date.ts';
import type { Decision } from '../risk/decisions.ts';
import { ownerResolver } from '../risk/owners.ts';
import { addDays } from '../risk/register.ts';
import type { Problem } from '../risk/types.ts';
import type { RiskRow } from '../store/risks.ts';
import { registerEvents } from '../store/risks.ts';
import type { Store } from '../store/store.ts';
import { ratedSeverity } from './areas/classify.ts';
import { q } from './data.ts';
import { experimentsOverdue } from './experiments.ts';
import type { ReportKnowledge } from './knowledge.ts';
import { objectivesOffTrack, proposedDecisions } from './office.ts';
import type { DecisionNeeded } from './types.ts';

export interface DecisionContext {
  store: Store;
  /** The report's reference day (YYYY-MM-DD). */
  today: string;
  /** The report's look-ahead window (`eol.windowMonths`, default 6) ... */
  windowMonths: number;
  /** ... and its last day: today plus the window (months of 365.25 / 12 days, as `cto eol` counts runway). */
  windowEnd: string;
  /** The workspace folder, where the office files are; null when the report is built without one. */
  workspaceDir: string | null;
  teams: readonly Team[];
  /** The repositories the report covers. */
  repositories: readonly string[];
  /** The register's rows of those repositories (docs/risk.md#risk-register), as last brought up to date. */
  register: readonly RiskRow[];
  /** The problems judged at report time (vulnerabilities, end of life, licences, analysis findings). */
  problems: readonly Problem[];
  /** Team knowledge at the report's day: key people, who has departed. */
  knowledge: ReportKnowledge;
}

export interface DecisionSource {
  /** The `kind` of its items. */
  kind: string;
  /** What it looks at, in a few words, for the documentation and the JSON's `sources`. */
  label: string;
  collect(ctx: DecisionContext): DecisionNeeded[] | Promise<DecisionNeeded[]>;
}

const DAY_MS = 86_400_000;

/** The last day of a window of `months` months (365.25 / 12 days each) from `today`. */
export function windowEndOf(today: string, months: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + Math.floor((months * 365.25 * DAY_MS) / 12))
    .toISOString()
    .slice(0, 10);
}

const riskSql = (key: string) =>
  `select r.key, r.status, r.decision, e.event, e.at, e.detail from risks r left join risk_events e on e.risk_key = r.key where r.key = ${q(key)} order by e.id`;

function acceptance(r: RiskRow): Extract<Decision, { decision: 'accept' }> | null {
  if (r.decision === null) return null;
  const d = JSON.parse(r.decision) as Decision;
  return d.decision === 'accept' ? d : null;
}

/**
 * Accepted risks (risks.yaml `accept`) whose acceptance ends within the window, and open risks whose
 * acceptance has already ended (the register's last decision event is `expired`): renew or fix.
 */
const acceptedRisks: DecisionSource = {
  kind: 'acceptance-expiring',
  label: 'accepted risks whose acceptance ends within the window or has ended',
  async collect(ctx) {
    const out: DecisionNeeded[] = [];
    for (const r of ctx.register) {
      // Accepted as the register last saw it; an expiry since then is still an acceptance to renew.
      const a = r.status === 'accepted' ? acceptance(r) : null;
      if (!a || a.expires > ctx.windowEnd) continue;
      const ended = a.expires < ctx.today;
      out.push({
        kind: 'acceptance-expiring',
        title: `${r.repository}: acceptance ${ended ? 'expired' : 'expires'} ${a.expires} for ${r.title}; renew it or fix.`,
        subject: r.subject,
        repository: r.repository,
        due: a.expires,
        owner: a.owner || r.owner,
        riskKey: r.key,
        evidence: { repositories: [r.repository] },
        sql: riskSql(r.key),
      });
    }
    const open = ctx.register.filter((r) => r.status === 'open');
    const events = await registerEvents(
      ctx.store,
      open.map((r) => r.key),
    );
    const lastDecision = new Map<string, (typeof events)[number]>();
    const decisive = new Set(['accepted', 'not-affected', 'false-positive', 'expired', 'withdrawn']);
    for (const e of events) if (decisive.has(e.event)) lastDecision.set(e.risk_key, e);
    for (const r of open) {
      const e = lastDecision.get(r.key);
      if (e?.event !== 'expired') continue;
      // The event is dated the day after the last day the acceptance held (register.ts).
      const ended = addDays(e.at.slice(0, 10), -1);
      out.push({
        kind: 'acceptance-expiring',
        title: `${r.repository}: acceptance expired ${ended}, open again: ${r.title}; renew it or fix.`,
        subject: r.subject,
        repository: r.repository,
        due: ended,
        owner: r.owner,
        riskKey: r.key,
        evidence: { repositories: [r.repository] },
        sql: riskSql(r.key),
      });
    }
    return out;
  },
};

/**
 * Runtimes, images and packages past their end of life or reaching it within the window, with no
 * decision in the register (not accepted, not marked not affected or a false positive).
 */
const endOfLife: DecisionSource = {
  kind: 'end-of-life',
  label: 'end of life within the window (or passed) with no decision in the register',
  collect(ctx) {
    const decided = new Set(ctx.register.filter((r) => r.status !== 'open').map((r) => r.key));
    return (
      ctx.problems
        // What only development, test or CI tooling runs is not a decision for the board: it stays in
        // the register and the technology section (rated severity, docs/report.md#rating-rule).
        .filter((p) => p.kind === 'end-of-life' && !decided.has(p.key))
        .filter(
          (p) =>
            ratedSeverity(p) === 'high' || ratedSeverity(p) === 'medium' || ratedSeverity(p) === 'critical',
        )
        .map((p) => ({
          kind: 'end-of-life',
          title: `${p.repository}: ${p.title}; upgrade, or accept it in risks.yaml.`,
          subject: p.subject,
          repository: p.repository,
          due: p.eolDate ?? null,
          owner: p.owner,
          riskKey: p.key,
          evidence: {
            repositories: [p.repository],
            ...(p.evidence.files ? { files: p.evidence.files } : {}),
          },
          sql: `select repository, kind, version, path from current_runtimes where repository = ${q(p.repository)}`,
        }))
    );
  },
};

/**
 * Repositories whose key people (the truck factor's authors) include people who have left (no commit
 * in the 365 days before the report's day): who takes over what they knew.
 */
const keyPeopleLeft: DecisionSource = {
  kind: 'key-people-left',
  label: 'repositories whose key people (truck factor authors) have left',
  collect(ctx) {
    const ownerOf = ownerResolver(ctx.teams);
    // The key people are the truck factor's authors (`people`); `active.departed` lists everyone who left.
    return ctx.knowledge.repositories
      .filter((r) => r.people.some((p) => p.departed))
      .map((r) => {
        const gone = r.people.filter((p) => p.departed);
        const names = gone.slice(0, 3).map((p) => p.name);
        const who = gone.length > 3 ? `${names.join(', ')} and ${gone.length - 3} more` : names.join(', ');
        const left =
          gone.length === r.people.length
            ? `${gone.length === 1 ? 'the one key person has' : `all ${gone.length} key people have`} left`
            : `${gone.length} of ${r.people.length} key people ${gone.length === 1 ? 'has' : 'have'} left`;
        // A truck factor of 0 among those active while some key people stay reads as a contradiction
        // unless its meaning is said: the files the departed were main authors of are over half.
        const orphaned =
          r.active.truckFactor === 0 ? ' (over half the files have no active main author)' : '';
        // A dormant repository: nobody took over because nobody works on it; the decision is its future.
        const dormant = r.active.dormantSince;
        return {
          kind: 'key-people-left',
          title:
            dormant === null
              ? `${r.repository}: ${left}, truck factor among those active ${r.active.truckFactor}${orphaned}; decide who takes over (${who}).`
              : `${r.repository}: dormant, no commit since ${isoDay(dormant)}; decide whether to archive it or who maintains it (its key people: ${who}).`,
          subject: '',
          repository: r.repository,
          due: null,
          owner: ownerOf(r.repository, []),
          riskKey: null,
          evidence: { repositories: [r.repository], people: gone.map((p) => p.person) },
          sql: `select repository, person_id, name, last_commit_at from current_people where repository = ${q(r.repository)} order by last_commit_at`,
        };
      });
  },
};

/**
 * Vendor contracts whose notice date is within 30 days or has passed before the renewal (vendors.yaml,
 * docs/budget.md): renew, renegotiate or give notice.
 */
const renewals: DecisionSource = {
  kind: 'renewal-due',
  label: 'vendor contracts whose notice date is within 30 days or past, before the renewal',
  collect(ctx) {
    if (ctx.workspaceDir === null) return [];
    return renewalsToDecide(ctx.workspaceDir, ctx.today).map((c) => {
      const name = c.product ? `${c.vendor} ${c.product}` : c.vendor;
      const cost = c.costPerYear ? `, ${formatMoney(c.costPerYear)} a year` : '';
      const passed = (c.noticeBy ?? '') < ctx.today;
      return {
        kind: 'renewal-due',
        title: `${name} renews ${c.renewal}${cost}; notice ${passed ? 'date passed' : 'by'} ${c.noticeBy}. Renew, renegotiate or give notice.`,
        subject: name,
        repository: null,
        due: c.noticeBy,
        owner: c.owner ?? 'unassigned',
        riskKey: null,
        evidence: {},
        sql: 'vendors.yaml (cto vendors --json: contracts with renewalStatus "decide")',
      };
    });
  },
};

/** The sources, in the order their items show when due on the same day. */
export const DECISION_SOURCES: DecisionSource[] = [
  acceptedRisks,
  endOfLife,
  keyPeopleLeft,
  renewals,
  proposedDecisions,
  objectivesOffTrack,
  experimentsOverdue,
];

/** Every source's items: soonest due first (undated last), then by source order, repository and title. */
export async function decisionsNeeded(
  ctx: DecisionContext,
  sources: readonly DecisionSource[] = DECISION_SOURCES,
): Promise<DecisionNeeded[]> {
  const items: Array<DecisionNeeded & { order: number }> = [];
  for (const [order, s] of sources.entries())
    for (const item of await s.collect(ctx)) items.push({ ...item, order });
  return items
    .sort(
      (a, b) =>
        cmp(a.due ?? '9999', b.due ?? '9999') ||
        a.order - b.order ||
        cmp(a.repository ?? '', b.repository ?? '') ||
        cmp(a.title, b.title),
    )
    .map(({ order: _o, ...item }) => item);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
