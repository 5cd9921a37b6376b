// One repository's packages: the rows several manifests and lockfiles state, merged into one entry per
// (ecosystem, name, version). A row without a version (a manifest requirement) joins the locked
// versions of the same package when a lockfile names any (those it marks direct, or all when none is);
// otherwise it stands alone, version unknown.
import { inScopes } from '../collectors/exposure.ts';
import { EXPOSURES, type Exposure } from '../collectors/types.ts';
import type { DependencyRow } from '../store/deps.ts';

export interface PackageEntry {
  ecosystem: string;
  name: string;
  version: string | null;
  direct: boolean;
  /** Scopes as the files state them (`prod`, `dev`, `optional`, `peer`, `test`, ...), sorted. */
  scopes: string[];
  /** The most exposed of its rows (docs/risk.md, "Exposure"). */
  exposure: Exposure;
  /** Exposures of its rows, most exposed first. */
  exposures: Exposure[];
  manifests: string[];
  requirements: string[];
  /** Licences as the files state them (not normalised), sorted. */
  licenses: string[];
  /** Names of the packages that depend on this one; null when no file gave a graph for it. */
  parents: string[] | null;
  sources: string[];
}

const keyOf = (ecosystem: string, name: string) => `${ecosystem}\u0000${name}`;

export function mergePackages(rows: readonly DependencyRow[]): PackageEntry[] {
  const byName = new Map<string, DependencyRow[]>();
  for (const row of rows) {
    const k = keyOf(row.ecosystem, row.name);
    const list = byName.get(k);
    if (list) list.push(row);
    else byName.set(k, [row]);
  }
  const entries: PackageEntry[] = [];
  for (const group of byName.values()) {
    const locked = group.filter((r) => r.version !== null);
    const loose = group.filter((r) => r.version === null);
    if (locked.length === 0) {
      entries.push(entryOf(loose));
      continue;
    }
    const byVersion = new Map<string, DependencyRow[]>();
    for (const r of locked) {
      const same = byVersion.get(r.version as string);
      if (same) same.push(r);
      else byVersion.set(r.version as string, [r]);
    }
    // Requirements join the versions a lockfile marks direct (all versions when none is).
    const anyDirect = locked.some((r) => r.direct);
    for (const versionRows of byVersion.values()) {
      const joins = !anyDirect || versionRows.some((r) => r.direct);
      entries.push(entryOf(joins ? [...versionRows, ...loose] : versionRows));
    }
  }
  return entries.sort(comparePackages);
}

function comparePackages(a: PackageEntry, b: PackageEntry): number {
  return (
    a.ecosystem.localeCompare(b.ecosystem) ||
    a.name.localeCompare(b.name) ||
    (a.version ?? '').localeCompare(b.version ?? '')
  );
}

function entryOf(rows: readonly DependencyRow[]): PackageEntry {
  const first = rows[0] as DependencyRow;
  const set = (pick: (r: DependencyRow) => string | null | undefined) =>
    [...new Set(rows.map(pick).filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
  const scopes = set((r) => r.scope);
  const exposures = EXPOSURES.filter((e) => rows.some((r) => r.exposure === e));
  const withGraph = rows.filter((r) => r.parents !== null);
  return {
    ecosystem: first.ecosystem,
    name: first.name,
    version: rows.find((r) => r.version !== null)?.version ?? null,
    direct: rows.some((r) => r.direct),
    scopes,
    exposure: exposures[0] ?? 'runtime',
    exposures,
    manifests: set((r) => r.manifestPath),
    requirements: set((r) => r.requirement),
    licenses: set((r) => r.license),
    parents: withGraph.length === 0 ? null : [...new Set(withGraph.flatMap((r) => r.parents ?? []))].sort(),
    sources: set((r) => r.source),
  };
}

interface PackageFilter {
  ecosystem?: string;
  direct?: boolean;
  /** Only packages with a row of one of these exposures. */
  scopes?: readonly Exposure[];
}

export function filterPackages(entries: readonly PackageEntry[], f: PackageFilter): PackageEntry[] {
  const eco = f.ecosystem?.toLowerCase();
  return entries.filter(
    (e) =>
      (eco === undefined || e.ecosystem.toLowerCase() === eco) &&
      (f.direct === undefined || e.direct === f.direct) &&
      inScopes(e.exposures, f.scopes),
  );
}
