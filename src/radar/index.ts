// The radar of a workspace joined to the store: what `cto radar` prints and the report draws.
import { loadTechnologies } from '../analyses/technologies/match.ts';
import { radarConfig } from '../office/radar/config.ts';
import { loadRadar } from '../office/radar/load.ts';
import { mapRadarItems } from '../office/radar/map.ts';
import { loadTeams } from '../office/teams.ts';
import { endOfDay } from '../report/changes.ts';
import { currentPeople } from '../store/people.ts';
import { currentSnapshots, snapshotsAsOf } from '../store/report.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { repositoryTechnologies, technologyUse } from './usage.ts';
import { buildRadarView, currentRelease, type RadarView } from './view.ts';

/** The radar view on `day`; null when the workspace has no radar (or no release). */
export async function loadRadarView(store: Store, ws: Workspace, day: string): Promise<RadarView | null> {
  const radar = loadRadar(ws.dir, radarConfig(ws.config.radar));
  if (!radar) return null;
  const catalogue = loadTechnologies();
  const config = ws.config as Record<string, unknown>;
  const teams = loadTeams(ws.dir);
  const now = technologyUse(
    await repositoryTechnologies(store, await currentSnapshots(store), config),
    teams,
    await currentPeople(store, day),
  );
  const release = currentRelease(radar.releases, day);
  const previous = radar.releases.filter((r) => release !== null && r < release).at(-1);
  let before = null;
  if (previous) {
    const snapshots = await snapshotsAsOf(store, endOfDay(previous));
    if (snapshots.length > 0)
      before = technologyUse(await repositoryTechnologies(store, snapshots, config), teams, []);
  }
  return buildRadarView({
    radar,
    mapping: mapRadarItems(radar.items, catalogue),
    now,
    before,
    names: new Map(catalogue.map((t) => [t.id, t.name])),
    teamsDeclared: teams.length > 0,
    day,
  });
}

/** Technologies in runtime use in the current snapshots, with their repositories (for `cto office init`). */
export async function runtimeTechnologies(
  store: Store,
  ws: Workspace,
): Promise<Array<{ id: string; name: string; category: string; repositories: string[] }>> {
  const catalogue = new Map(loadTechnologies().map((t) => [t.id, t]));
  const use = technologyUse(
    await repositoryTechnologies(store, await currentSnapshots(store), ws.config as Record<string, unknown>),
    [],
    [],
  );
  return [...use.values()]
    .map((u) => ({ u, t: catalogue.get(u.id) }))
    .filter(({ u, t }) => t !== undefined && u.repositories.some((r) => r.runtime))
    .map(({ u, t }) => ({
      id: u.id,
      name: t?.name ?? u.id,
      category: t?.category ?? 'library',
      repositories: u.repositories.filter((r) => r.runtime).map((r) => r.repository),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
