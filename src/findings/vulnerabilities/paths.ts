// Dependency paths from a lockfile's `parents`: the shortest chain from a package the project
// declares to the vulnerable one, e.g. `app > express > qs`. Parents are names (one lockfile, one
// ecosystem), so the path is by name; a package without parent data gets `root > … > name`.

interface PathNode {
  name: string;
  direct: boolean;
  /** Names of the packages that depend on this one. */
  parents: string[];
}

export type PathGraph = Map<string, { direct: boolean; parents: Set<string> }>;

export function buildPathGraph(nodes: PathNode[]): PathGraph {
  const graph: PathGraph = new Map();
  for (const n of nodes) {
    const entry = graph.get(n.name) ?? { direct: false, parents: new Set<string>() };
    entry.direct ||= n.direct;
    for (const p of n.parents) entry.parents.add(p);
    graph.set(n.name, entry);
  }
  return graph;
}

/** Shortest path `root > direct > ... > name` (breadth-first up the parents). */
export function dependencyPath(graph: PathGraph, root: string, name: string, maxDepth = 64): string[] {
  const start = graph.get(name);
  if (!start || start.direct) return [root, name];
  const seen = new Set([name]);
  let frontier: string[][] = [[name]];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: string[][] = [];
    for (const chain of frontier) {
      const head = graph.get(chain[0]!);
      for (const parent of [...(head?.parents ?? [])].sort()) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        const longer = [parent, ...chain];
        const node = graph.get(parent);
        if (!node || node.direct || node.parents.size === 0) return [root, ...longer];
        next.push(longer);
      }
    }
    frontier = next;
  }
  return [root, '…', name];
}
