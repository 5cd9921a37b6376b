// yarn.lock in, resolved packages out. yarn.lock does not say which packages the project declares
// or which are for development: that comes from the package.json files under the lockfile's
// folder (scope by reachability from their dependency fields), or from berry's workspace entries.
import { dedupeDependencies } from '../dedupe-dependencies.ts';
import { type ScopeRoots, scopesByReach } from '../lockfile-graph.ts';
import type { PackageJson } from '../npm-package-json.ts';
import { type FileFacts, scalarText } from '../read-input.ts';
import type { Dependency, DependencyScope } from '../types.ts';
import { parseYarnLock, type YarnGraph } from './parse.ts';

export const COLLECTOR_ID = 'yarn-lock';

function rootIds(graph: YarnGraph, deps: Record<string, unknown> | undefined): string[] {
  const ids: string[] = [];
  for (const [name, raw] of Object.entries(deps ?? {})) {
    const range = scalarText(raw);
    if (range === null) continue;
    const descriptor = graph.berry && !/^[a-z]+:/.test(range) ? `${name}@npm:${range}` : `${name}@${range}`;
    const id = graph.descriptors.get(descriptor);
    if (id) ids.push(id);
    else for (const node of graph.nodes.values()) if (node.name === name) ids.push(node.id);
  }
  return ids;
}

function rootsOf(graph: YarnGraph, manifests: PackageJson[]): ScopeRoots | null {
  if (manifests.length > 0) {
    return {
      prod: manifests.flatMap((m) => rootIds(graph, m.dependencies)),
      dev: manifests.flatMap((m) => rootIds(graph, m.devDependencies)),
      optional: manifests.flatMap((m) => rootIds(graph, m.optionalDependencies)),
    };
  }
  if (graph.workspaceNeeds.length > 0) {
    const prod = graph.workspaceNeeds.map((d) => graph.descriptors.get(d)).filter((id) => id !== undefined);
    return { prod, dev: [] };
  }
  return null;
}

export function extractYarnLock(path: string, text: string, manifests: PackageJson[]): FileFacts {
  const graph = parseYarnLock(text);
  const edges = (id: string) =>
    (graph.nodes.get(id)?.needs ?? []).map((d) => graph.descriptors.get(d)).filter((x) => x !== undefined);
  const roots = rootsOf(graph, manifests);
  const direct = new Set([...(roots?.prod ?? []), ...(roots?.dev ?? []), ...(roots?.optional ?? [])]);
  const scopes = roots ? scopesByReach(roots, edges) : new Map<string, DependencyScope>();
  // A node no root reaches (berry's patched copy of a package) takes its twin's scope.
  const twinScope = new Map<string, DependencyScope>();
  for (const [id, scope] of scopes) {
    const node = graph.nodes.get(id);
    if (node) twinScope.set(`${node.name}@${node.version}`, scope);
  }
  const parents = new Map<string, Set<string>>();
  for (const node of graph.nodes.values()) {
    for (const target of edges(node.id)) {
      if (!parents.has(target)) parents.set(target, new Set());
      parents.get(target)!.add(node.name);
    }
  }
  const deps: Dependency[] = [...graph.nodes.values()].map((node) => ({
    ecosystem: 'npm',
    name: node.name,
    version: node.version,
    direct: direct.has(node.id),
    scope: scopes.get(node.id) ?? twinScope.get(`${node.name}@${node.version}`) ?? 'prod',
    manifestPath: path,
    parents: [...(parents.get(node.id) ?? [])].sort(),
    source: node.source,
  }));
  return { dependencies: dedupeDependencies(deps) };
}
