// The owner team of a problem: the first team teams.yaml gives for its paths, else for its repository.
import { type Team, teamsOwning } from '../office/teams.ts';

export type OwnerOf = (repository: string, paths: readonly string[]) => string;

const UNASSIGNED = 'unassigned';

export function ownerResolver(teams: readonly Team[]): OwnerOf {
  return (repository, paths) => {
    if (teams.length === 0) return UNASSIGNED;
    for (const p of paths) {
      const owner = teamsOwning(teams, repository, p)[0];
      if (owner) return owner;
    }
    return teamsOwning(teams, repository, '')[0] ?? UNASSIGNED;
  };
}
