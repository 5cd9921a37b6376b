// Technologies rolled up per team (teams.yaml): a team uses a technology when it owns a file that is
// evidence of it (its repository as a whole when the evidence names no file).
import { type Team, teamsOwning } from '../../office/teams.ts';

interface RepositoryTechnologies {
  repository: string;
  technologies: Array<{ id: string; name: string; category: string; evidence: { files?: string[] } }>;
}

interface TeamTechnology {
  id: string;
  name: string;
  category: string;
  repositories: string[];
}

export function technologiesByTeam(
  teams: readonly Team[],
  repos: readonly RepositoryTechnologies[],
): Array<{ team: string; technologies: TeamTechnology[] }> {
  const byTeam = new Map<string, Map<string, TeamTechnology>>();
  for (const repo of repos) {
    for (const t of repo.technologies) {
      const files = t.evidence.files && t.evidence.files.length > 0 ? t.evidence.files : [''];
      const owners = new Set(files.flatMap((f) => teamsOwning(teams, repo.repository, f)));
      for (const team of owners) {
        const techs = byTeam.get(team) ?? new Map<string, TeamTechnology>();
        byTeam.set(team, techs);
        const entry = techs.get(t.id) ?? { id: t.id, name: t.name, category: t.category, repositories: [] };
        techs.set(t.id, entry);
        if (!entry.repositories.includes(repo.repository)) entry.repositories.push(repo.repository);
      }
    }
  }
  return teams
    .filter((t) => byTeam.has(t.name))
    .map((t) => ({ team: t.name, technologies: [...(byTeam.get(t.name)?.values() ?? [])] }));
}
