// Bring the register up to date with the current problems of some or all repositories: after a
// scan commits a snapshot, after feeds change, and when `cto risks` reads it (docs/risk.md#risk-register).
import { policyFromConfig } from '../licences/policy.ts';
import { loadTeams } from '../office/teams.ts';
import { currentRepositories } from '../store/deps.ts';
import type { Store } from '../store/store.ts';
import type { WorkspaceConfig } from '../workspace.ts';
import { riskWeights, slaOf } from './config.ts';
import { loadDecisions } from './decisions.ts';
import { collectProblems } from './problems.ts';
import { type RegisterChanges, type RegisterScope, syncRegister } from './register.ts';
import { scoreProblem } from './score.ts';

interface RegisterWorkspace {
  dir: string;
  config: WorkspaceConfig;
}

interface UpdateOptions {
  /** Only this repository (its current snapshot); all when omitted. */
  repository?: string;
  /** When the update happens (ISO 8601); its day is the reference date. */
  at: string;
}

interface RegisterUpdate extends RegisterChanges {
  scopes: RegisterScope[];
}

export async function updateRegister(
  store: Store,
  ws: RegisterWorkspace,
  opts: UpdateOptions,
): Promise<RegisterUpdate> {
  const today = opts.at.slice(0, 10);
  const repos = await currentRepositories(store, opts.repository);
  const scopes = repos.map((r) => ({ repository: r.name, snapshotId: r.snapshotId, commit: r.commit }));
  if (scopes.length === 0) return { scopes, rows: [], events: [] };
  const problems = await collectProblems(store, {
    today,
    repository: opts.repository,
    config: ws.config.risk,
    teams: loadTeams(ws.dir),
    windowMonths: ws.config.eol?.windowMonths,
    licencePolicy: policyFromConfig(ws.config),
  });
  const weights = riskWeights(ws.config.risk);
  const changes = await syncRegister(store, {
    problems,
    scopes,
    decisions: loadDecisions(ws.dir),
    sla: slaOf(ws.config.risk),
    at: opts.at,
    score: (p) => scoreProblem(p, today, weights),
  });
  return { scopes, ...changes };
}
