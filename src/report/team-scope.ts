// --team and owners from teams.yaml (src/office/teams.ts): which repositories a team's view covers,
// and the owning team of findings whose analysis gave none.
import { type Team, teamsOwning } from '../office/teams.ts';
import type { ReportSnapshot } from '../store/report.ts';
import type { ReportData } from './data.ts';

/** Findings without an owner get the team owning their subject's path, else the whole repository. */
export function assignOwners(data: ReportData, teams: readonly Team[]): void {
  if (teams.length === 0) return;
  for (const f of data.findings)
    if (f.owner === 'unassigned') f.owner = teamsOwning(teams, f.repository, f.subject)[0] ?? 'unassigned';
}

/** The repositories a team owns (whole, or some paths of); null when teams.yaml does not name the team. */
export function teamRepositories(
  teams: readonly Team[],
  team: string,
  snapshots: ReportSnapshot[],
): ReportSnapshot[] | null {
  const t = teams.find((x) => x.name === team);
  if (!t) return null;
  const named = new Set(t.owns.map((r) => (typeof r === 'string' ? r : r.repository)));
  return snapshots.filter((s) => named.has(s.repository) || teamsOwning([t], s.repository, '').length > 0);
}

export function teamNote(team: string, scoped: boolean): string {
  return scoped
    ? `Team "${team}": the repositories it owns in teams.yaml and the findings it owns.`
    : `Team "${team}" is not in teams.yaml: findings are limited to those it owns; figures cover every repository.`;
}
