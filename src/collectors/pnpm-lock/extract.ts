// pnpm-lock.yaml (v6 to v9) in, resolved packages out. v6 keeps dependencies and the `dev` flag
// on `packages`; v9 moves dependencies to `snapshots` and drops `dev`, so scope then comes from
// reachability from the importers' dependency fields.
import { dedupeDependencies } from '../dedupe-dependencies.ts';
import { scopesByReach } from '../lockfile-graph.ts';
import { asObject, type FileFacts, readYaml, scalarText, unsupportedVersion } from '../read-input.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, DependencyScope, Diagnostic } from '../types.ts';
import { buildGraph } from './graph.ts';
import { splitKey, withoutPeers } from './keys.ts';
import { PackageEntry, PnpmLock } from './schema.ts';

export const COLLECTOR_ID = 'pnpm-lock';

function sourceOf(resolution: Record<string, unknown> | undefined): string | null | undefined {
  if (!resolution) return null;
  if (resolution.type === 'directory') return undefined;
  if (typeof resolution.tarball === 'string') return redactUrl(resolution.tarball);
  if (typeof resolution.repo === 'string')
    return `${redactUrl(resolution.repo)}#${scalarText(resolution.commit) ?? ''}`;
  return null;
}

export function extractPnpmLock(path: string, text: string): FileFacts {
  const lock = PnpmLock.parse(asObject(readYaml(text), 'pnpm-lock.yaml'));
  const major = Number.parseFloat(scalarText(lock.lockfileVersion) ?? '0');
  const diagnostics: Diagnostic[] = [];
  if (!(major >= 6 && major < 10)) {
    const message = `lockfileVersion ${scalarText(lock.lockfileVersion) ?? 'missing'} is outside 6 to 9; read as the nearest`;
    diagnostics.push(unsupportedVersion(path, COLLECTOR_ID, message));
  }
  const slash = major < 9;
  const packages = new Map(
    Object.entries(lock.packages ?? {}).map(([k, v]) => [k, PackageEntry.parse(v ?? {})]),
  );
  const graph = buildGraph(lock, packages, lock, slash);
  const { edges } = graph;
  const prod = graph.roots('dependencies');
  const dev = graph.roots('devDependencies');
  const optional = graph.roots('optionalDependencies');
  const direct = new Set([...prod, ...dev, ...optional]);
  const reach = scopesByReach({ prod, dev, optional }, edges);

  const parents = new Map<string, Set<string>>();
  for (const key of graph.nodes.keys()) {
    for (const target of edges(key)) {
      if (!parents.has(target)) parents.set(target, new Set());
      parents.get(target)!.add(splitKey(key)?.name ?? redactUrl(key));
    }
  }

  const deps: Dependency[] = [];
  for (const [key, entry] of graph.nodes) {
    const info = packages.get(withoutPeers(key)) ?? entry;
    const source = sourceOf(info.resolution);
    const id = splitKey(key);
    const name = info.name ?? id?.name;
    if (source === undefined || !name) continue;
    const flagged: DependencyScope | undefined =
      info.dev === true
        ? 'dev'
        : info.optional === true
          ? 'optional'
          : info.dev === false
            ? 'prod'
            : undefined;
    deps.push({
      ecosystem: 'npm',
      name,
      version: info.version ?? id?.version ?? null,
      direct: direct.has(key),
      scope: flagged ?? reach.get(key) ?? 'prod',
      manifestPath: path,
      parents: [...(parents.get(key) ?? [])].sort(),
      source,
    });
  }
  return { dependencies: dedupeDependencies(deps), diagnostics };
}
