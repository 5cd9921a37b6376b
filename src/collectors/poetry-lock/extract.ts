// poetry.lock in, resolved packages out. Scope comes from the lockfile when it says (`groups` in
// Poetry 2, `category` before 1.5), otherwise from reachability from the pyproject.toml beside it.
import { dedupeDependencies } from '../dedupe-dependencies.ts';
import { scopesByReach } from '../lockfile-graph.ts';
import { normalisePypiName } from '../pep508.ts';
import { groupScope } from '../pyproject.ts';
import { asObject, type FileFacts, readToml } from '../read-input.ts';
import { redactUrl } from '../redact-url.ts';
import type { Dependency, DependencyScope, Diagnostic } from '../types.ts';
import { PoetryLock, PoetryPackage } from './schema.ts';

export const COLLECTOR_ID = 'poetry-lock';

/** Names the pyproject.toml declares, by scope. */
export interface Declared {
  prod: string[];
  dev: string[];
}

function sourceOf(source: PoetryPackage['source']): string | null {
  if (!source?.url) return null;
  if (source.type === 'git') return `${redactUrl(source.url)}@${source.resolved_reference ?? ''}`;
  return source.type === 'directory' || source.type === 'file' ? source.url : redactUrl(source.url);
}

function lockedScope(p: PoetryPackage): DependencyScope | undefined {
  const groups = p.groups ?? (p.category ? [p.category] : undefined);
  if (!groups || groups.length === 0) return undefined;
  if (groups.includes('main')) return p.optional ? 'optional' : 'prod';
  return groupScope(groups[0]!);
}

export function extractPoetryLock(path: string, text: string, declared: Declared | null): FileFacts {
  const lock = PoetryLock.parse(asObject(readToml(text), 'poetry.lock'));
  const raw = lock.package ?? [];
  const packages = raw.flatMap((p) => {
    const parsed = PoetryPackage.safeParse(p);
    return parsed.success ? [{ ...parsed.data, name: normalisePypiName(parsed.data.name) }] : [];
  });
  const skipped = raw.length - packages.length;
  const names = new Set(packages.map((p) => p.name));
  const edgeMap = new Map<string, string[]>();
  for (const p of packages) {
    const targets = Object.keys(p.dependencies ?? {})
      .map(normalisePypiName)
      .filter((n) => names.has(n));
    edgeMap.set(p.name, [...new Set([...(edgeMap.get(p.name) ?? []), ...targets])]);
  }
  const reach = declared
    ? scopesByReach(declared, (n) => edgeMap.get(n) ?? [])
    : new Map<string, DependencyScope>();
  const parents = new Map<string, Set<string>>();
  for (const [name, targets] of edgeMap) {
    for (const t of targets) {
      if (!parents.has(t)) parents.set(t, new Set());
      parents.get(t)!.add(name);
    }
  }
  const direct = new Set([...(declared?.prod ?? []), ...(declared?.dev ?? [])]);
  const deps: Dependency[] = packages.map((p) => ({
    ecosystem: 'PyPI',
    name: p.name,
    version: p.version,
    direct: direct.has(p.name),
    scope: lockedScope(p) ?? reach.get(p.name) ?? (p.optional ? 'optional' : 'prod'),
    manifestPath: path,
    parents: [...(parents.get(p.name) ?? [])].sort(),
    source: sourceOf(p.source),
  }));
  const diagnostics: Diagnostic[] =
    skipped > 0
      ? [
          {
            path,
            collector: COLLECTOR_ID,
            code: 'bad-entry',
            message: `${skipped} [[package]] entries lack a name or version`,
            severity: 'warning',
          },
        ]
      : [];
  return { dependencies: dedupeDependencies(deps), diagnostics };
}
