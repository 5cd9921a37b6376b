// Who uses each technology: per technology, the repositories (and whether at runtime), the teams
// (teams.yaml) and the number of active people (a commit in the 365 days up to the reference day)
// in those repositories. Read from the snapshots given: the current ones, or those of a past day.
import { technologiesByTeam } from '../analyses/technologies/by-team.ts';
import { technologyMetrics } from '../analyses/technologies/stored.ts';
import type { Team } from '../office/teams.ts';
import type { StoredPerson } from '../store/people.ts';
import type { Store } from '../store/store.ts';

export interface TechnologyUse {
  id: string;
  repositories: Array<{ repository: string; runtime: boolean }>;
  teams: string[];
  activePeople: number;
}

interface SnapshotOf {
  repository: string;
  snapshotId: number;
}

/** Per repository, the technologies of its snapshot with their exposures and evidence files. */
export async function repositoryTechnologies(
  store: Store,
  snapshots: readonly SnapshotOf[],
  config: Record<string, unknown>,
): Promise<
  Array<{ repository: string; technologies: Array<{ id: string; exposures: string[]; files: string[] }> }>
> {
  const out = [];
  for (const s of snapshots) {
    const { metrics } = await technologyMetrics(store, s.snapshotId, config);
    out.push({
      repository: s.repository,
      technologies: metrics
        .filter((m) => m.metric === 'technology')
        .map((m) => {
          const e = (m.evidence ?? {}) as { exposures?: string[]; files?: string[] };
          return { id: m.subject, exposures: e.exposures ?? [], files: e.files ?? [] };
        }),
    });
  }
  return out;
}

/** Technology id -> its use; `people` are the contributors of the same snapshots (empty: not counted). */
export function technologyUse(
  repos: Awaited<ReturnType<typeof repositoryTechnologies>>,
  teams: readonly Team[],
  people: readonly StoredPerson[],
): Map<string, TechnologyUse> {
  const active = new Map<string, Set<string>>();
  for (const p of people) {
    if (p.bot || p.commits365d <= 0) continue;
    const set = active.get(p.repository) ?? new Set<string>();
    active.set(p.repository, set);
    set.add(p.emails[0]?.toLowerCase() ?? p.name.toLowerCase());
  }
  const byTeam = technologiesByTeam(
    teams,
    repos.map((r) => ({
      repository: r.repository,
      technologies: r.technologies.map((t) => ({
        id: t.id,
        name: t.id,
        category: '',
        evidence: { files: t.files },
      })),
    })),
  );
  const out = new Map<string, TechnologyUse & { people: Set<string> }>();
  for (const r of repos) {
    for (const t of r.technologies) {
      const use = out.get(t.id) ?? {
        id: t.id,
        repositories: [],
        teams: [],
        activePeople: 0,
        people: new Set<string>(),
      };
      out.set(t.id, use);
      use.repositories.push({ repository: r.repository, runtime: t.exposures.includes('runtime') });
      for (const p of active.get(r.repository) ?? []) use.people.add(p);
    }
  }
  for (const { team, technologies } of byTeam) for (const t of technologies) out.get(t.id)?.teams.push(team);
  return new Map([...out].map(([id, { people: set, ...use }]) => [id, { ...use, activePeople: set.size }]));
}
