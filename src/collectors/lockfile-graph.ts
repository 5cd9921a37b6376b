// Scope of transitive packages from a lockfile graph: a package reachable from a production
// root is `prod`; one reachable only from dev roots is `dev`; optional-only stays `optional`.
import type { DependencyScope } from './types.ts';

export interface ScopeRoots {
  prod: Iterable<string>;
  dev: Iterable<string>;
  optional?: Iterable<string>;
}

function reach(starts: Iterable<string>, edges: (node: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const next of edges(node)) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}

/** Node -> scope for every node reachable from a root; nodes reached from none are absent. */
export function scopesByReach(
  roots: ScopeRoots,
  edges: (node: string) => Iterable<string>,
): Map<string, DependencyScope> {
  const result = new Map<string, DependencyScope>();
  for (const node of reach(roots.dev, edges)) result.set(node, 'dev');
  for (const node of reach(roots.optional ?? [], edges)) result.set(node, 'optional');
  for (const node of reach(roots.prod, edges)) result.set(node, 'prod');
  return result;
}

const RANK: Record<DependencyScope, number> = {
  prod: 0,
  provided: 1,
  system: 1,
  build: 2,
  peer: 3,
  optional: 4,
  test: 5,
  dev: 6,
};

/** The wider of two scopes (prod wins over everything). */
export function widerScope(a: DependencyScope, b: DependencyScope): DependencyScope {
  return RANK[a] <= RANK[b] ? a : b;
}
