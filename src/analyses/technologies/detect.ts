// Technologies of one snapshot: its dependencies, images, runtimes and file paths matched against
// technologies.yaml (match.ts), as metrics with their evidence. Pure over the facts it is given.
import { DEFAULT_EXPOSURE_PATHS, decideExposure, type ExposurePaths } from '../../collectors/exposure.ts';
import {
  type Dependency,
  type Ecosystem,
  EXPOSURES,
  type Exposure,
  type ImageKind,
  type ImageRef,
} from '../../collectors/types.ts';
import type { Evidence, Metric } from '../types.ts';
import { loadTechnologies, matchTechnologies } from './match.ts';
import type { Technology } from './schema.ts';

/** The facts of one snapshot; a fact without an exposure takes the one its path gives. */
interface SnapshotFacts {
  dependencies: ReadonlyArray<{ ecosystem: string; name: string; manifestPath: string; exposure?: Exposure }>;
  images: ReadonlyArray<{ kind: string; name: string; path: string; exposure?: Exposure }>;
  runtimes: ReadonlyArray<{ kind: string; version: string; path: string; exposure?: Exposure }>;
  paths: readonly string[];
}

/** Runtime kinds (runtimes table) -> technology ids. */
const RUNTIME_TECHNOLOGY: Record<string, string> = {
  node: 'nodejs',
  python: 'python',
  java: 'java',
  go: 'go',
  ruby: 'ruby',
  dotnet: 'dotnet',
  terraform: 'terraform',
  rust: 'rust',
  php: 'php',
};

/** The most names of each kind a metric's evidence lists; the value still counts them all. */
export const EVIDENCE_LIMIT = 50;

/** What a tool's own config file exposes at most: its `pathExposure`, else by category. */
const CATEGORY_CAP: Partial<Record<Technology['category'], Exposure>> = {
  ci: 'ci',
  testing: 'test',
  build: 'build',
};
const pathCap = (t: Technology): Exposure => t.pathExposure ?? CATEGORY_CAP[t.category] ?? 'runtime';

/**
 * A shipped exposure (runtime, build) lowered to `cap` when the cap is less exposed (EXPOSURES runs
 * from most to least exposed); what is already development, test, example or docs stays as it is.
 */
const lessExposed = (e: Exposure, cap: Exposure): Exposure =>
  (e === 'runtime' || e === 'build') && EXPOSURES.indexOf(cap) > EXPOSURES.indexOf(e) ? cap : e;

/**
 * One metric per technology found, with its evidence and the exposures of the facts behind it (a file
 * matched by its path alone is judged by `paths`, the workspace's exposure rules).
 */
export function detectTechnologies(
  facts: SnapshotFacts,
  table: readonly Technology[] = loadTechnologies(),
  paths: ExposurePaths = DEFAULT_EXPOSURE_PATHS,
): Metric[] {
  const byPath = (path: string) => decideExposure({ path }, paths);
  const factExposure = new Map<string, Exposure>();
  for (const d of facts.dependencies)
    factExposure.set(`package\u0000${d.name}\u0000${d.manifestPath}`, d.exposure ?? byPath(d.manifestPath));
  for (const i of facts.images)
    factExposure.set(`image\u0000${i.name}\u0000${i.path}`, i.exposure ?? byPath(i.path));
  // A testing library is test code wherever it is declared (go.mod has no test scope).
  const exposureOf = (t: Technology, kind: string, value: string, path: string): Exposure =>
    kind === 'path'
      ? lessExposed(byPath(path), pathCap(t))
      : lessExposed(
          factExposure.get(`${kind === 'package' ? 'package' : 'image'}\u0000${value}\u0000${path}`) ??
            byPath(path),
          t.category === 'testing' ? 'test' : 'runtime',
        );
  const matches = matchTechnologies(
    {
      dependencies: facts.dependencies.map(
        (d) =>
          ({
            ...d,
            ecosystem: d.ecosystem as Ecosystem,
            version: null,
            direct: false,
            scope: 'prod',
          }) as Dependency,
      ),
      images: facts.images.map((i) => ({ ...i, kind: i.kind as ImageKind, version: null }) as ImageRef),
      paths: facts.paths,
    },
    table,
  );
  type Slot = { packages: Set<string>; images: Set<string>; files: Set<string>; exposures: Set<Exposure> };
  const found = new Map<string, Slot>();
  const slot = (id: string) => {
    const s: Slot = found.get(id) ?? {
      packages: new Set(),
      images: new Set(),
      files: new Set(),
      exposures: new Set(),
    };
    found.set(id, s);
    return s;
  };
  for (const m of matches) {
    const s = slot(m.technology.id);
    for (const e of m.evidence) {
      if (e.kind === 'package') s.packages.add(e.value);
      else if (e.kind !== 'path') s.images.add(e.value);
      s.files.add(e.path);
      s.exposures.add(exposureOf(m.technology, e.kind, e.value, e.path));
    }
  }
  const ids = new Set(table.map((t) => t.id));
  for (const r of facts.runtimes) {
    const id = RUNTIME_TECHNOLOGY[r.kind];
    if (!id || !ids.has(id)) continue;
    slot(id).files.add(r.path);
    slot(id).exposures.add(r.exposure ?? byPath(r.path));
  }
  const metrics: Metric[] = table
    .filter((t) => found.has(t.id))
    .map((t) => {
      const s = found.get(t.id) as Slot;
      const evidence: Evidence = { exposures: EXPOSURES.filter((e) => s.exposures.has(e)) };
      if (s.packages.size > 0) evidence.packages = [...s.packages].sort().slice(0, EVIDENCE_LIMIT);
      if (s.images.size > 0) evidence.images = [...s.images].sort().slice(0, EVIDENCE_LIMIT);
      if (s.files.size > 0) evidence.files = [...s.files].sort().slice(0, EVIDENCE_LIMIT);
      return {
        metric: 'technology',
        scope: 'repository',
        subject: t.id,
        value: s.packages.size + s.images.size + s.files.size,
        unit: 'facts',
        evidence,
      };
    });
  metrics.push({
    metric: 'technologies',
    scope: 'repository',
    subject: '',
    value: metrics.length,
    unit: 'technologies',
  });
  return metrics;
}
