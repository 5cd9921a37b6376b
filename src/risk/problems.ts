// Every open problem across areas, each exactly once (docs/risk.md): vulnerabilities grouped per
// advisory, repository and package; end of life per product cycle and repository; licence policy
// findings per package; and the findings analyses stored for the selected snapshots.
import type { ExposurePaths } from '../collectors/exposure.ts';
import { findEol } from '../findings/eol/find.ts';
import { findVulnerabilities, type VulnFinding } from '../findings/vulnerabilities/find.ts';
import type { LicencePolicy } from '../licences/policy.ts';
import type { Team } from '../office/teams.ts';
import type { Store } from '../store/store.ts';
import type { RiskConfig } from './config.ts';
import { eolProblems } from './eol-problems.ts';
import { JUDGED_AT_QUERY_TIME, storedFindingProblems } from './finding-problems.ts';
import { licenceProblems } from './licence-problems.ts';
import { ownerResolver } from './owners.ts';
import type { Problem } from './types.ts';
import { vulnerabilityProblems } from './vulnerability-problems.ts';

interface ProblemOptions {
  /** The reference date (YYYY-MM-DD) end of life is judged on. */
  today: string;
  repository?: string;
  /** Read these snapshots instead of each repository's current snapshot. */
  snapshotIds?: number[];
  /** The `risk` section of cto.yaml (weights of the score; see rankProblems). */
  config?: RiskConfig;
  /** Teams from teams.yaml, for owners. */
  teams?: readonly Team[];
  /** Months before an end of life at which it counts as a problem (`eol.windowMonths`, default 6). */
  windowMonths?: number;
  /** Vulnerability matches already made for the same snapshots (so they are not matched twice). */
  vulnerabilities?: VulnFinding[];
  /**
   * The workspace's licence policy (null: none, so no licence problems), to judge licences now with
   * the licence feed as it is; when absent, the findings the licences analysis stored are used.
   */
  licencePolicy?: LicencePolicy | null;
  /** Path rules of exposure (cto.yaml `exposure:`), for findings whose subject is a path. */
  exposurePaths?: ExposurePaths;
}

const compare = (a: Problem, b: Problem) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export async function collectProblems(store: Store, opts: ProblemOptions): Promise<Problem[]> {
  const ownerOf = ownerResolver(opts.teams ?? []);
  const { repository, snapshotIds } = opts;
  const windowMonths = opts.windowMonths ?? 6;
  const judgeLicences = opts.licencePolicy !== undefined;
  const vulns =
    opts.vulnerabilities ?? (await findVulnerabilities(store, { repository, snapshotIds })).findings;
  const eol = await findEol(store, { repository, snapshotIds, today: opts.today, windowMonths });
  const problems = [
    ...vulnerabilityProblems(vulns, ownerOf),
    ...eolProblems(eol.rows, ownerOf, windowMonths),
    ...(judgeLicences
      ? await licenceProblems(store, opts.licencePolicy ?? null, ownerOf, repository, snapshotIds)
      : []),
    ...(await storedFindingProblems(store, ownerOf, {
      repository,
      snapshotIds,
      paths: opts.exposurePaths,
      judged: judgeLicences ? JUDGED_AT_QUERY_TIME : new Set(),
    })),
  ];
  return problems.sort(compare);
}
