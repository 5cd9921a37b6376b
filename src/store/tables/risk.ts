// The risk register (docs/risk.md#risk-register): one row per problem key, kept across snapshots,
// and the history of each. Not snapshot tables: a row outlives the snapshots that saw it.
import type { Generated } from 'kysely';

/** Where a risk stands: seen in the last scan and undecided, gone, or decided in risks.yaml. */
export type RiskStatus = 'open' | 'closed' | 'accepted' | 'not-affected' | 'false-positive';

/** What happened to a risk, with the date it happened. */
export type RiskEventKind =
  | 'opened'
  | 'closed'
  | 'reopened'
  | 'accepted'
  | 'not-affected'
  | 'false-positive'
  | 'expired'
  | 'withdrawn';

export interface RisksTable {
  /** `Problem.key` (src/risk/types.ts): stable across scans and versions. */
  key: string;
  repository: string;
  kind: string;
  area: string;
  subject: string;
  title: string;
  /** The owner team when last seen (`unassigned` when none). */
  owner: string;
  exposure: string;
  severity: string;
  score: number;
  direct: number | null;
  /** JSON arrays: other ids of the problem (advisory aliases), and the versions it was last seen at. */
  aliases: string;
  versions: string;
  /** When the problem became knowable (advisory published), ISO date; null when unknown. */
  since: string | null;
  action: string;
  first_seen_at: string;
  last_seen_at: string;
  /** When it was last closed; null while it is seen. */
  closed_at: string | null;
  status: RiskStatus;
  /** YYYY-MM-DD: first seen plus the SLA of its severity; null when its severity has none. */
  sla_due: string | null;
  /** The risks.yaml decision in force (JSON), or null. */
  decision: string | null;
}

export interface RiskEventsTable {
  /** Increasing: the order of events. */
  id: Generated<number>;
  risk_key: string;
  event: RiskEventKind;
  /** ISO 8601 timestamp (or the expiry date for `expired`). */
  at: string;
  /** The snapshot whose scan caused it; null for a decision or once the snapshot is removed. */
  snapshot_id: number | null;
  /** The commit of that snapshot, kept when the snapshot is removed. */
  commit_sha: string | null;
  detail: string | null;
}
