// Query-time vulnerability matching: the current snapshots' dependencies with an exact version,
// against the advisories loaded in the store (feeds change independently of scans). One finding per
// vulnerability (aliases merged), per repository and package version, with its dependency paths.

import { inScopes } from '../../collectors/exposure.ts';
import type { Exposure } from '../../collectors/types.ts';
import { matchPackage, type OsvFinding } from '../../feeds/osv/match.ts';
import { normalisePackageName } from '../../feeds/osv/names.ts';
import { buildOsvIndex } from '../../feeds/osv/osv-index.ts';
import type { OsvRecord } from '../../feeds/osv/record.ts';
import type { SeverityLevel } from '../../feeds/osv/severity.ts';
import { mostExposed } from '../../risk/exposure-of.ts';
import { lastScans } from '../../store/diagnostics.ts';
import {
  advisoriesForPackages,
  type CurrentDependency,
  currentDependencies,
} from '../../store/feed-reads.ts';
import { listFeedImports } from '../../store/feeds.ts';
import type { Store } from '../../store/store.ts';
import { type Coverage, coverageOf, type ScannedRepository } from '../coverage.ts';
import { buildPathGraph, dependencyPath, type PathGraph } from './paths.ts';

export const SEVERITY_ORDER: SeverityLevel[] = ['unknown', 'none', 'low', 'medium', 'high', 'critical'];
export const severityRank = (l: SeverityLevel): number => SEVERITY_ORDER.indexOf(l);

export interface VulnFinding extends OsvFinding {
  repository: string;
  direct: boolean;
  manifests: string[];
  /** One path per manifest, `repository > direct > ... > package`. */
  paths: string[][];
  /** The most exposed of its places. */
  exposure: Exposure;
  /** Each manifest declaring this version, with its exposure, whether direct there, and its path. */
  places: VulnPlace[];
}

export interface VulnPlace {
  manifest: string;
  exposure: Exposure;
  direct: boolean;
  path: string[];
}

interface VulnReport {
  findings: VulnFinding[];
  /** Repositories using an ecosystem for which no advisories are loaded. */
  missingFeeds: Array<{ repository: string; ecosystem: string }>;
  /** Distinct (repository, ecosystem, package, version) checked against a loaded feed. */
  packagesChecked: number;
  /** What was checked and what was not, per repository and ecosystem (src/findings/coverage.ts). */
  coverage: Coverage;
}

interface VulnQuery {
  repository?: string;
  ecosystem?: string;
  /** Only findings at or above this level. */
  minSeverity?: SeverityLevel;
  /** Match these snapshots' dependencies instead of each repository's current snapshot. */
  snapshotIds?: number[];
  /** Only dependencies of these exposures (all when not given); paths still go through the others. */
  scopes?: readonly Exposure[];
  /**
   * What was known on this day (YYYY-MM-DD): an advisory counts only from its OSV `published` date
   * (an advisory without one always counts). For historical snapshots.
   */
  asOf?: string;
}

/** True when the advisory had been published by the end of `asOf` (always, without `asOf`). */
function publishedBy(record: OsvRecord, asOf: string | undefined): boolean {
  if (asOf === undefined || !record.published) return true;
  return record.published.slice(0, 10) <= asOf;
}

async function matcherFor(store: Store, ecosystem: string, names: string[], asOf?: string) {
  const stored = await advisoriesForPackages(
    store,
    ecosystem,
    names.map((n) => normalisePackageName(ecosystem, n)),
  );
  const records = stored.map((a) => JSON.parse(a.record) as OsvRecord);
  const index = buildOsvIndex(records.filter((r) => publishedBy(r, asOf)));
  const cache = new Map<string, OsvFinding[]>();
  return (name: string, version: string): OsvFinding[] => {
    const key = `${name}@${version}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = matchPackage(index, ecosystem, name, version);
      cache.set(key, hit);
    }
    return hit;
  };
}

const groupKey = (d: CurrentDependency) =>
  `${d.repository}\u0000${d.ecosystem}\u0000${d.name}\u0000${d.version}`;
const graphKey = (d: CurrentDependency) => `${d.repository}\u0000${d.ecosystem}\u0000${d.manifestPath}`;

function uniquePaths(manifests: string[], pathOf: (m: string) => string[]): string[][] {
  const byText = new Map(manifests.map((m) => pathOf(m)).map((p) => [p.join(' > '), p]));
  return [...byText.values()];
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function graphsOf(deps: CurrentDependency[]): Map<string, PathGraph> {
  const byManifest = groupBy(deps, graphKey);
  const out = new Map<string, PathGraph>();
  for (const [k, list] of byManifest) {
    out.set(
      k,
      buildPathGraph(
        list.map((d) => ({ name: d.name, direct: d.direct === 1, parents: d.parents?.split(' ') ?? [] })),
      ),
    );
  }
  return out;
}

/** The repositories in scope: each one's last scans, or the repositories of the given snapshots. */
async function scannedRepositories(
  store: Store,
  query: VulnQuery,
  rows: CurrentDependency[],
): Promise<ScannedRepository[]> {
  if (query.snapshotIds)
    return [...new Set(rows.map((d) => d.repository))].map((repository) => ({
      repository,
      current: true,
      scanError: null,
    }));
  // With an ecosystem asked for, a repository not using it is out of scope, not "nothing to check".
  const using = new Set(rows.map((d) => d.repository));
  const scans = (await lastScans(store, query.repository)).filter(
    (s) => !query.ecosystem || s.current === null || using.has(s.repository),
  );
  return scans.map((s) => ({
    repository: s.repository,
    current: s.current !== null,
    scanError: s.unfinished ? (s.unfinished.error ?? s.unfinished.status) : null,
  }));
}

/** The ecosystems with an OSV feed loaded. */
async function loadedEcosystems(store: Store): Promise<Set<string>> {
  return new Set((await listFeedImports(store)).filter((f) => f.feed === 'osv').map((f) => f.ecosystem));
}

/** What a vulnerability check would cover now, without matching anything (`cto risks` says it first). */
export async function vulnerabilityCoverage(
  store: Store,
  query: Pick<VulnQuery, 'repository'> = {},
): Promise<Coverage> {
  const rows = await currentDependencies(store, query.repository);
  return coverageOf(await scannedRepositories(store, query, rows), rows, await loadedEcosystems(store));
}

export async function findVulnerabilities(store: Store, query: VulnQuery = {}): Promise<VulnReport> {
  const unscoped = (await currentDependencies(store, query.repository, query.snapshotIds)).filter(
    (d) => !query.ecosystem || d.ecosystem === query.ecosystem,
  );
  const rows = unscoped.filter((d) => inScopes([d.exposure], query.scopes));
  const all = rows.filter((d) => d.version !== null);
  const loaded = await loadedEcosystems(store);
  const missing = new Map<string, { repository: string; ecosystem: string }>();
  for (const d of all) if (!loaded.has(d.ecosystem)) missing.set(`${d.repository}\u0000${d.ecosystem}`, d);
  const deps = all.filter((d) => loaded.has(d.ecosystem));
  const groups = groupBy(deps, groupKey);
  const graphs = graphsOf(unscoped.filter((d) => d.version !== null));
  const findings: VulnFinding[] = [];
  for (const ecosystem of [...new Set(deps.map((d) => d.ecosystem))].sort()) {
    const match = await matcherFor(
      store,
      ecosystem,
      deps.filter((d) => d.ecosystem === ecosystem).map((d) => d.name),
      query.asOf,
    );
    for (const list of groups.values()) {
      const d = list[0]!;
      if (d.ecosystem !== ecosystem) continue;
      for (const f of match(d.name, d.version!)) {
        if (query.minSeverity && severityRank(f.severity.level) < severityRank(query.minSeverity)) continue;
        const manifests = [...new Set(list.map((x) => x.manifestPath))].sort();
        const pathOf = (m: string) =>
          dependencyPath(graphs.get(graphKey({ ...d, manifestPath: m }))!, d.repository, d.name);
        const places = manifests.map((m) => {
          const here = list.filter((x) => x.manifestPath === m);
          return {
            manifest: m,
            exposure: mostExposed(here.map((x) => x.exposure)),
            direct: here.some((x) => x.direct === 1),
            path: pathOf(m),
          };
        });
        findings.push({
          ...f,
          name: d.name,
          repository: d.repository,
          direct: list.some((x) => x.direct === 1),
          manifests,
          paths: uniquePaths(manifests, pathOf),
          exposure: mostExposed(places.map((p) => p.exposure)),
          places,
        });
      }
    }
  }
  findings.sort(
    (a, b) =>
      a.repository.localeCompare(b.repository) ||
      severityRank(b.severity.level) - severityRank(a.severity.level) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
  return {
    findings,
    missingFeeds: [...missing.values()].map(({ repository, ecosystem }) => ({ repository, ecosystem })),
    packagesChecked: groups.size,
    coverage: coverageOf(await scannedRepositories(store, query, rows), rows, loaded),
  };
}
