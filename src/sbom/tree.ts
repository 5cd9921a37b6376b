// Paths from the project to a package, through the `parents` lockfile collectors store: every chain
// direct dependency > ... > package. A parent the lockfile never lists as a package (a workspace
// member, the project itself) starts a chain as well.
import type { PackageEntry } from './packages.ts';

interface PackagePaths {
  ecosystem: string;
  name: string;
  versions: string[];
  direct: boolean;
  /** False when no file stating the package recorded who depends on it. */
  graph: boolean;
  manifests: string[];
  /** Each path from its first package (a direct dependency or a root) down to the package. */
  paths: string[][];
  /** True when more paths exist than were listed. */
  truncated: boolean;
}

interface TreeLimits {
  maxPaths: number;
  maxSteps: number;
}

const LIMITS: TreeLimits = { maxPaths: 500, maxSteps: 200_000 };

export function packagePaths(
  entries: readonly PackageEntry[],
  target: string,
  limits: TreeLimits = LIMITS,
): PackagePaths[] {
  const ecosystems = [...new Set(entries.filter((e) => sameName(e.name, target)).map((e) => e.ecosystem))];
  return ecosystems.map((ecosystem) =>
    pathsIn(
      entries.filter((e) => e.ecosystem === ecosystem),
      target,
      limits,
    ),
  );
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function pathsIn(entries: readonly PackageEntry[], target: string, limits: TreeLimits): PackagePaths {
  const parents = new Map<string, Set<string>>();
  const direct = new Set<string>();
  for (const e of entries) {
    const set = parents.get(e.name) ?? new Set<string>();
    parents.set(e.name, set);
    for (const p of e.parents ?? []) if (p !== e.name) set.add(p);
    if (e.direct) direct.add(e.name);
  }
  const mine = entries.filter((e) => sameName(e.name, target));
  const name = (mine[0] as PackageEntry).name;
  const result: PackagePaths = {
    ecosystem: (mine[0] as PackageEntry).ecosystem,
    name,
    versions: [...new Set(mine.map((e) => e.version).filter((v): v is string => v !== null))].sort(),
    direct: mine.some((e) => e.direct),
    graph: mine.some((e) => e.parents !== null),
    manifests: [...new Set(mine.flatMap((e) => e.manifests))].sort(),
    paths: [],
    truncated: false,
  };
  let steps = 0;
  // Walk upwards from the package; `chain` is read from the package back to the current node.
  const walk = (node: string, chain: string[]): void => {
    if (result.truncated) return;
    if (++steps > limits.maxSteps) {
      result.truncated = true;
      return;
    }
    const ups = [...(parents.get(node) ?? [])].filter((p) => !chain.includes(p)).sort();
    const isRoot = !parents.has(node) || (parents.get(node)?.size ?? 0) === 0;
    if (direct.has(node) || (isRoot && node !== name)) {
      if (result.paths.length >= limits.maxPaths) {
        result.truncated = true;
        return;
      }
      result.paths.push([...chain].reverse());
    }
    for (const up of ups) walk(up, [...chain, up]);
  };
  walk(name, [name]);
  result.paths.sort((a, b) => a.length - b.length || a.join('>').localeCompare(b.join('>')));
  return result;
}
