// What `cto delivery`, the API and the report show: each repository's stored delivery figures, the
// DORA figures of its recorded events when it has any, and the team roll-up.
import { loadTeams, teamsOwning } from '../../office/teams.ts';
import { referenceTs } from '../../reference-date.ts';
import { deliveryFacts, type RepositoryDelivery, readDelivery } from '../../store/delivery.ts';
import { deliveryEvents } from '../../store/events.ts';
import { segmentsOf } from '../../store/snapshots.ts';
import type { Store } from '../../store/store.ts';
import type { Workspace } from '../../workspace.ts';
import { deliveryConfig } from './config.ts';
import { type DeploymentEvent, loadDeployments } from './deployments.ts';
import { countsForDora, type EventFigures, eventFigures } from './events.ts';
import { DERIVED_FROM, type RepositorySummary, summarise, type TeamSummary, teamSummary } from './summary.ts';

interface WorkspaceDelivery {
  repos: RepositoryDelivery[];
  sums: RepositorySummary[];
  teams: TeamSummary[];
  patchWindowDays: number;
}

/** Delivery of every repository (or the one named, by its name in the store) at the reference day. */
export async function workspaceDelivery(
  store: Store,
  ws: Workspace,
  day: string,
  repository?: string,
): Promise<WorkspaceDelivery> {
  const config = deliveryConfig(ws.config);
  const file = config.deployments
    ? loadDeployments(ws.dir, config.deployments)
    : new Map<string, DeploymentEvent[]>();
  const repos = await readDelivery(store, referenceTs(day), repository);
  const events = await deliveryEvents(
    store,
    repos.map((r) => r.repository),
  );
  const sums: RepositorySummary[] = [];
  for (const r of repos) {
    const deployments = events.deployments.filter((d) => d.repository === r.repository);
    let figures: EventFigures | null = null;
    if (deployments.some((d) => countsForDora(d) && d.finished_ts <= r.asOf)) {
      const { commits } = await deliveryFacts(store, r.snapshotId, await segmentsOf(store, r.snapshotId));
      const incidents = events.incidents.filter((i) => i.repository === r.repository);
      figures = eventFigures(deployments, incidents, commits, r.asOf, r.firstTs ?? 0);
    }
    sums.push(summarise(r, file.get(r.repository), figures));
  }
  const teams = loadTeams(ws.dir).flatMap((t) => {
    const owned = repos.filter((r) => teamsOwning([t], r.repository).length > 0);
    if (owned.length === 0) return [];
    return [
      teamSummary(
        t.name,
        owned,
        sums.filter((s) => owned.some((o) => o.repository === s.repository)),
      ),
    ];
  });
  return { repos, sums, teams, patchWindowDays: config.patchWindowDays };
}

/** The body of `cto delivery --json` (schema cto.delivery/v1); one repository adds its releases and activity. */
export function deliveryDocument(d: WorkspaceDelivery, day: string, oneRepository: boolean) {
  const detail = oneRepository ? d.repos[0] : undefined;
  return {
    definitions: 'docs/metrics/delivery.md',
    today: day,
    derivedFrom: DERIVED_FROM,
    patchWindowDays: d.patchWindowDays,
    repositories: d.sums.map((s) => ({
      ...s,
      ...(detail && detail.repository === s.repository
        ? { releaseList: detail.releases, activity: detail.activity }
        : {}),
    })),
    teams: d.teams,
  };
}
