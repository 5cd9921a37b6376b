// What `cto decisions` and the report show: the records, their checks evaluated against the current
// snapshots, and the proposed decisions waiting too long.

import { currentFacts } from '../office/decisions/facts.ts';
import { type DecisionNeeded, proposedTooLong } from '../office/decisions/index-file.ts';
import {
  type DecisionRecord,
  loadDecisionRecords,
  type OfficeDiagnostic,
} from '../office/decisions/records.ts';
import { DEFAULT_PROPOSED_MAX_AGE_DAYS } from '../office/decisions/schema.ts';
import { loadTeams } from '../office/teams.ts';
import type { Store } from '../store/store.ts';
import { type Evaluation, evaluateDecisions } from './checks.ts';

export interface DecisionsView {
  records: DecisionRecord[];
  /** Null when there is no store to check against (nothing scanned yet). */
  evaluation: Evaluation | null;
  needed: DecisionNeeded[];
  proposedMaxAgeDays: number;
  diagnostics: OfficeDiagnostic[];
}

export async function decisionsView(
  store: Store | null,
  workspace: { dir: string; config: Record<string, unknown> },
  today: string,
): Promise<DecisionsView> {
  const { records, diagnostics } = loadDecisionRecords(workspace.dir);
  const section = workspace.config.decisions as { proposedMaxAgeDays?: number } | undefined;
  const maxAge = section?.proposedMaxAgeDays ?? DEFAULT_PROPOSED_MAX_AGE_DAYS;
  const evaluation =
    store === null ? null : evaluateDecisions(records, await currentFacts(store), loadTeams(workspace.dir));
  return {
    records,
    evaluation,
    needed: proposedTooLong(records, today, maxAge),
    proposedMaxAgeDays: maxAge,
    diagnostics: [...diagnostics, ...(evaluation?.diagnostics ?? [])],
  };
}
