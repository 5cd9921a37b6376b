// packages.lock.json (NuGet lock versions 1 and 2): per target framework (and runtime identifier),
// Direct, Transitive and CentralTransitive packages; Project entries are the solution's own projects.
// A package locked for several frameworks counts once; direct when any framework lists it as Direct.
import { unsupportedVersion } from '../read-input.ts';
import type { Dependency, Diagnostic } from '../types.ts';
import { LockedPackage, PackagesLock } from './schema.ts';

export const COLLECTOR_ID = 'nuget-lock';

export function extractPackagesLock(path: string, json: unknown) {
  const lock = PackagesLock.parse(json);
  const diagnostics: Diagnostic[] = [];
  if (lock.version !== undefined && lock.version !== 1 && lock.version !== 2) {
    const message = `packages.lock.json version ${lock.version} is not 1 or 2; read as version 2`;
    diagnostics.push(unsupportedVersion(path, COLLECTOR_ID, message));
  }
  const found = new Map<string, Dependency & { parents: string[] }>();
  const parentsOf = new Map<string, Set<string>>();
  for (const packages of Object.values(lock.dependencies)) {
    for (const [name, raw] of Object.entries(packages)) {
      const entry = LockedPackage.safeParse(raw);
      if (!entry.success) continue;
      const { type, resolved, requested, dependencies } = entry.data;
      for (const child of Object.keys(dependencies ?? {})) {
        const key = child.toLowerCase();
        parentsOf.set(key, (parentsOf.get(key) ?? new Set()).add(name));
      }
      if (type === 'Project' || resolved === undefined) continue;
      const key = `${name.toLowerCase()}@${resolved.toLowerCase()}`;
      const existing = found.get(key);
      if (existing) {
        existing.direct ||= type === 'Direct';
        continue;
      }
      found.set(key, {
        ecosystem: 'NuGet',
        name,
        version: resolved,
        requirement: requested ?? null,
        direct: type === 'Direct',
        scope: 'prod',
        manifestPath: path,
        parents: [],
      });
    }
  }
  const dependencies = [...found.values()].map((d) => ({
    ...d,
    parents: [...(parentsOf.get(d.name.toLowerCase()) ?? [])].sort(),
  }));
  return { dependencies, diagnostics };
}
