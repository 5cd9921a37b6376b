// uv.lock in, resolved packages out. The project itself and workspace members are entries with
// an `editable` or `virtual` source: they are not dependencies, their dependency lists are the
// direct ones (`dependencies` prod, `optional-dependencies` optional, `dev-dependencies` dev).
import { dedupeDependencies } from '../dedupe-dependencies.ts';
import { scopesByReach } from '../lockfile-graph.ts';
import { normalisePypiName } from '../pep508.ts';
import { asObject, type FileFacts, readToml, unsupportedVersion } from '../read-input.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, Diagnostic } from '../types.ts';
import { depRef, UvLock, UvPackage } from './schema.ts';

export const COLLECTOR_ID = 'uv-lock';

const isLocal = (p: UvPackage) => p.source !== undefined && ('editable' in p.source || 'virtual' in p.source);

function sourceOf(source: Record<string, unknown> | undefined): string | null {
  if (!source) return null;
  const registry = source.registry;
  if (typeof registry === 'string')
    return /^https:\/\/pypi\.org\/simple\/?$/.test(registry) ? null : redactUrl(registry);
  for (const key of ['git', 'url', 'path', 'directory']) {
    if (typeof source[key] === 'string') return redactUrl(source[key] as string);
  }
  return null;
}

export function extractUvLock(path: string, text: string): FileFacts {
  const lock = UvLock.parse(asObject(readToml(text), 'uv.lock'));
  const diagnostics: Diagnostic[] = [];
  if (lock.version !== undefined && lock.version !== 1) {
    const message = `uv.lock version ${lock.version} is not 1; read as 1`;
    diagnostics.push(unsupportedVersion(path, COLLECTOR_ID, message));
  }
  const raw = lock.package ?? [];
  const packages = raw.flatMap((p) => {
    const parsed = UvPackage.safeParse(p);
    return parsed.success ? [{ ...parsed.data, name: normalisePypiName(parsed.data.name) }] : [];
  });
  const skipped = raw.length - packages.length;
  if (skipped > 0) {
    const message = `${skipped} [[package]] entries lack a name`;
    diagnostics.push({ path, collector: COLLECTOR_ID, code: 'bad-entry', message, severity: 'warning' });
  }
  const idOf = (p: { name: string; version?: string }) => `${p.name}@${p.version ?? ''}`;
  const byName = new Map<string, string>();
  for (const p of packages) if (!byName.has(p.name)) byName.set(p.name, idOf(p));
  const resolve = (list: unknown[] | undefined): string[] =>
    (list ?? []).flatMap((item) => {
      const ref = depRef(item);
      if (!ref) return [];
      const name = normalisePypiName(ref.name);
      return [ref.version ? `${name}@${ref.version}` : (byName.get(name) ?? `${name}@`)];
    });
  const nodes = new Map(packages.map((p) => [idOf(p), p]));
  const edges = (id: string) => resolve(nodes.get(id)?.dependencies);

  const locals = packages.filter(isLocal);
  const prod = locals.flatMap((p) => resolve(p.dependencies));
  const optional = locals.flatMap((p) => Object.values(p['optional-dependencies'] ?? {}).flatMap(resolve));
  const dev = locals.flatMap((p) => Object.values(p['dev-dependencies'] ?? {}).flatMap(resolve));
  const direct = new Set([...prod, ...optional, ...dev]);
  const scopes = scopesByReach({ prod, dev, optional }, edges);
  const parents = new Map<string, Set<string>>();
  for (const p of packages) {
    for (const target of [
      ...edges(idOf(p)),
      ...Object.values(p['optional-dependencies'] ?? {}).flatMap(resolve),
    ]) {
      if (!parents.has(target)) parents.set(target, new Set());
      parents.get(target)!.add(p.name);
    }
  }
  const deps: Dependency[] = packages
    .filter((p) => !isLocal(p))
    .map((p) => ({
      ecosystem: 'PyPI',
      name: p.name,
      version: p.version ?? null,
      direct: direct.has(idOf(p)),
      scope: scopes.get(idOf(p)) ?? 'prod',
      manifestPath: path,
      parents: [...(parents.get(idOf(p)) ?? [])].sort(),
      source: sourceOf(p.source),
    }));
  return { dependencies: dedupeDependencies(deps), diagnostics };
}
