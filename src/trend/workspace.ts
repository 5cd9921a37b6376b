// The trend of a workspace: buildTrend with the workspace's teams, SLA, end-of-life window and
// allocated costs, as `cto trend` and the server's trend route both build it.
import { allocatedCosts } from '../costs/allocate.ts';
import { loadTeams } from '../office/teams.ts';
import { slaOf } from '../risk/config.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { buildTrend, type Trend, type TrendGroup } from './build.ts';

export async function buildWorkspaceTrend(
  store: Store,
  ws: Workspace,
  opts: { metric?: string; by: TrendGroup; since?: string; today: string },
): Promise<Trend> {
  const teams = loadTeams(ws.dir);
  return buildTrend(store, {
    metric: opts.metric,
    by: opts.by,
    since: opts.since,
    today: opts.today,
    teams,
    eolWindowMonths: ws.config.eol?.windowMonths ?? 6,
    sla: slaOf(ws.config.risk),
    costs: await allocatedCosts(store, ws.config.costs, teams),
  });
}
