// Lockfiles list one package at several places (nested copies, peer variants); facts are one
// per name@version per file, merged: direct if any copy is, widest scope, parents joined.
import { widerScope } from './lockfile-graph.ts';
import type { Dependency } from './types.ts';

export function dedupeDependencies(deps: Dependency[]): Dependency[] {
  const byKey = new Map<string, Dependency>();
  for (const dep of deps) {
    const key = `${dep.manifestPath}\0${dep.name}\0${dep.version ?? ''}\0${dep.version === null ? (dep.source ?? dep.requirement ?? '') : ''}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...dep, ...(dep.parents ? { parents: [...dep.parents] } : {}) });
      continue;
    }
    seen.direct ||= dep.direct;
    seen.scope = widerScope(seen.scope, dep.scope);
    if (dep.parents) seen.parents = [...new Set([...(seen.parents ?? []), ...dep.parents])].sort();
    seen.license ??= dep.license;
    seen.source ??= dep.source;
  }
  return [...byKey.values()];
}
