// pnpm-lock.yaml (v6 to v9) in, resolved packages out. v6 keeps dependencies and the `dev` flag
// on `packages`; v9 moves dependencies to `snapshots` and drops `dev`, so scope then comes from
// reachability from the importers' dependency fields.
import { dedupeDependencies } from '../npm-manifest/dedupe.ts';
import { asObject, type FileFacts, readYaml } from '../npm-manifest/read-input.ts';
import { scopesByReach } from '../npm-manifest/scope-graph.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, DependencyScope, Diagnostic } from '../types.ts';
import { keyOfRef, splitKey, withoutPeers } from './keys.ts';
import { Importer, PackageEntry, PnpmLock } from './schema.ts';

export const COLLECTOR_ID = 'pnpm-lock';

function sourceOf(resolution: Record<string, unknown> | undefined): string | null | undefined {
  if (!resolution) return null;
  if (resolution.type === 'directory') return undefined;
  if (typeof resolution.tarball === 'string') return redactUrl(resolution.tarball);
  if (typeof resolution.repo === 'string')
    return `${redactUrl(resolution.repo)}#${String(resolution.commit ?? '')}`;
  return null;
}

type Field = 'dependencies' | 'devDependencies' | 'optionalDependencies';

export function extractPnpmLock(path: string, text: string): FileFacts {
  const lock = PnpmLock.parse(asObject(readYaml(text), 'pnpm-lock.yaml'));
  const major = Number.parseFloat(String(lock.lockfileVersion ?? '0'));
  const diagnostics: Diagnostic[] = [];
  if (!(major >= 6 && major < 10)) {
    const message = `lockfileVersion ${String(lock.lockfileVersion)} is outside 6 to 9; read as the nearest`;
    diagnostics.push({
      path,
      collector: COLLECTOR_ID,
      code: 'unsupported-version',
      message,
      severity: 'warning',
    });
  }
  const slash = major < 9;
  const packages = new Map(
    Object.entries(lock.packages ?? {}).map(([k, v]) => [k, PackageEntry.parse(v ?? {})]),
  );
  const graph = lock.snapshots
    ? new Map(Object.entries(lock.snapshots).map(([k, v]) => [k, PackageEntry.parse(v ?? {})]))
    : packages;
  const resolve = (name: string, ref: unknown): string | null => {
    const key = keyOfRef(name, ref, slash);
    if (key && graph.has(key)) return key;
    return typeof ref === 'string' && graph.has(ref) ? ref : null;
  };
  const edges = (key: string): string[] => {
    const e = graph.get(key);
    const refs = Object.entries({ ...e?.dependencies, ...e?.optionalDependencies });
    return refs.map(([n, r]) => resolve(n, r)).filter((k) => k !== null);
  };

  const importers = lock.importers
    ? Object.values(lock.importers).map((v) => Importer.parse(v ?? {}))
    : [Importer.parse(lock)];
  const roots = (field: Field) =>
    importers
      .flatMap((imp) =>
        Object.entries(imp[field] ?? {}).map(([n, v]) => resolve(n, typeof v === 'string' ? v : v.version)),
      )
      .filter((k) => k !== null);
  const prod = roots('dependencies');
  const dev = roots('devDependencies');
  const optional = roots('optionalDependencies');
  const direct = new Set([...prod, ...dev, ...optional]);
  const reach = scopesByReach({ prod, dev, optional }, edges);

  const parents = new Map<string, Set<string>>();
  for (const key of graph.keys()) {
    for (const target of edges(key)) {
      if (!parents.has(target)) parents.set(target, new Set());
      parents.get(target)!.add(splitKey(key)?.name ?? key);
    }
  }

  const deps: Dependency[] = [];
  for (const [key, entry] of graph) {
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
