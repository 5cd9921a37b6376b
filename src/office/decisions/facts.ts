// The facts decision checks read: each repository's current snapshot (dependencies, runtimes, images,
// file paths), and which of them a check's scope (repositories, teams, paths) covers.
import { matchesGlob } from 'node:path';
import {
  currentRepositories,
  type DependencyRow,
  snapshotDependencies,
  snapshotImages,
  snapshotPaths,
  snapshotRuntimes,
} from '../../store/deps.ts';
import type { Store } from '../../store/store.ts';
import { type Team, teamsOwning } from '../teams.ts';
import type { CheckScope } from './schema.ts';

export interface RepositoryFacts {
  repository: string;
  commit: string;
  dependencies: DependencyRow[];
  runtimes: Awaited<ReturnType<typeof snapshotRuntimes>>;
  images: Awaited<ReturnType<typeof snapshotImages>>;
  paths: string[];
}

/** The facts of every repository's current snapshot. */
export async function currentFacts(store: Store): Promise<RepositoryFacts[]> {
  const out: RepositoryFacts[] = [];
  for (const r of await currentRepositories(store)) {
    out.push({
      repository: r.name,
      commit: r.commit,
      dependencies: await snapshotDependencies(store, r.snapshotId),
      runtimes: await snapshotRuntimes(store, r.snapshotId),
      images: await snapshotImages(store, r.snapshotId),
      paths: await snapshotPaths(store, r.snapshotId),
    });
  }
  return out;
}

/** Whether a repository is in a scope: named (or matched by a glob) and owned, wholly or in part, by a team named. */
export function repositoryInScope(scope: CheckScope, teams: readonly Team[], repository: string): boolean {
  if (scope.repositories && !scope.repositories.some((p) => p === repository || matchesGlob(repository, p)))
    return false;
  if (scope.teams) {
    const owning = teamsOfRepository(teams, repository);
    if (!scope.teams.some((t) => owning.has(t))) return false;
  }
  return true;
}

/** Whether a fact at `path` of an in-scope repository is in the scope's paths and teams. */
function pathInScope(scope: CheckScope, teams: readonly Team[], repository: string, path: string): boolean {
  if (scope.paths && !scope.paths.some((p) => underPattern(path, p))) return false;
  if (scope.teams) {
    const owning = teamsOwning(teams, repository, path);
    if (!scope.teams.some((t) => owning.includes(t))) return false;
  }
  return true;
}

/** A path matches a glob on the whole path, or lies under a folder named without a glob (`services/api`). */
function underPattern(path: string, pattern: string): boolean {
  const p = pattern.replace(/^\/+|\/+$/g, '');
  return path === p || path.startsWith(`${p}/`) || matchesGlob(path, p) || matchesGlob(path, `${p}/**`);
}

/** Teams owning the repository as a whole or any path in it. */
function teamsOfRepository(teams: readonly Team[], repository: string): Set<string> {
  const out = new Set(teamsOwning(teams, repository));
  for (const t of teams)
    for (const rule of t.owns) {
      const name = typeof rule === 'string' ? rule : rule.repository;
      if (name === repository || matchesGlob(repository, name)) out.add(t.name);
    }
  return out;
}

/** Only the facts of a repository a scope covers. */
export function factsInScope(
  facts: RepositoryFacts,
  scope: CheckScope,
  teams: readonly Team[],
): RepositoryFacts {
  if (!scope.paths && !scope.teams) return facts;
  const keep = (path: string) => pathInScope(scope, teams, facts.repository, path);
  return {
    ...facts,
    dependencies: facts.dependencies.filter((d) => keep(d.manifestPath)),
    runtimes: facts.runtimes.filter((r) => keep(r.path)),
    images: facts.images.filter((i) => keep(i.path)),
    paths: facts.paths.filter(keep),
  };
}
