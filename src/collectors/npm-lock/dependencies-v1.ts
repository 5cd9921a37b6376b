// package-lock v1: the nested `dependencies` tree. The lockfile does not say which packages the
// project declares, so `direct` comes from the package.json beside it, or, without one, from
// top-level packages that no other package requires.
import { redactUrl } from '../redact-url.ts';
import type { Dependency, DependencyScope } from '../types.ts';
import { registrySource } from './packages.ts';
import type { V1Entry } from './schema.ts';

function scopeOf(entry: V1Entry): DependencyScope {
  if (entry.dev === true) return 'dev';
  if (entry.optional === true) return 'optional';
  return 'prod';
}

function versionAndSource(entry: V1Entry): { version: string | null; source: string | null } | null {
  const version = typeof entry.version === 'string' ? entry.version : null;
  if (version?.startsWith('file:') || version?.startsWith('link:')) return null;
  if (version && /^[a-z+]+:/i.test(version)) {
    const source = redactUrl(version);
    return { version: /#([0-9a-f]{40})$/.exec(source)?.[1] ?? null, source };
  }
  return { version, source: registrySource(entry.resolved) };
}

const asMap = (value: unknown): Record<string, V1Entry> =>
  value && typeof value === 'object' ? (value as Record<string, V1Entry>) : {};

/** The entry a `requires` name resolves to: the nearest enclosing `dependencies` that has it. */
function resolve(name: string, scopes: Array<Record<string, V1Entry>>): V1Entry | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const hit = Object.hasOwn(scopes[i]!, name) ? scopes[i]![name] : undefined;
    if (hit) return hit;
  }
  return undefined;
}

export function extractV1(path: string, tree: unknown, declared: Set<string> | null): Dependency[] {
  const parents = new Map<V1Entry, Set<string>>();
  const rows: Array<{ dep: Dependency; entry: V1Entry; topLevel: boolean }> = [];
  const stack: Array<Array<Record<string, V1Entry>>> = [[asMap(tree)]];
  while (stack.length > 0) {
    const scopes = stack.pop()!;
    for (const [name, entry] of Object.entries(scopes.at(-1)!)) {
      if (!entry || typeof entry !== 'object') continue;
      const inner = [...scopes, asMap(entry.dependencies)];
      for (const required of Object.keys(asMap(entry.requires))) {
        const target = resolve(required, inner);
        if (!target) continue;
        if (!parents.has(target)) parents.set(target, new Set());
        parents.get(target)!.add(name);
      }
      if (entry.dependencies) stack.push(inner);
      const where = versionAndSource(entry);
      if (!where) continue;
      const dep: Dependency = {
        ecosystem: 'npm',
        name,
        ...where,
        direct: false,
        scope: scopeOf(entry),
        manifestPath: path,
      };
      rows.push({ dep, entry, topLevel: scopes.length === 1 });
    }
  }
  for (const { dep, entry, topLevel } of rows) {
    dep.parents = [...(parents.get(entry) ?? [])].sort();
    dep.direct = topLevel && (declared ? declared.has(dep.name) : dep.parents.length === 0);
  }
  return rows.map((r) => r.dep);
}
