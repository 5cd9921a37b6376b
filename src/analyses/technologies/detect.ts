// Technologies of one snapshot: its dependencies, images, runtimes and file paths matched against
// technologies.yaml (match.ts), as metrics with their evidence. Pure over the facts it is given.
import type { Dependency, Ecosystem, ImageKind, ImageRef } from '../../collectors/types.ts';
import type { Evidence, Metric } from '../types.ts';
import { loadTechnologies, matchTechnologies } from './match.ts';
import type { Technology } from './schema.ts';

interface SnapshotFacts {
  dependencies: ReadonlyArray<{ ecosystem: string; name: string; manifestPath: string }>;
  images: ReadonlyArray<{ kind: string; name: string; path: string }>;
  runtimes: ReadonlyArray<{ kind: string; version: string; path: string }>;
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

export function detectTechnologies(
  facts: SnapshotFacts,
  table: readonly Technology[] = loadTechnologies(),
): Metric[] {
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
  const found = new Map<string, { packages: Set<string>; images: Set<string>; files: Set<string> }>();
  const slot = (id: string) => {
    const s = found.get(id) ?? { packages: new Set(), images: new Set(), files: new Set() };
    found.set(id, s);
    return s;
  };
  for (const m of matches) {
    const s = slot(m.technology.id);
    for (const e of m.evidence) {
      if (e.kind === 'package') s.packages.add(e.value);
      else if (e.kind !== 'path') s.images.add(e.value);
      s.files.add(e.path);
    }
  }
  const ids = new Set(table.map((t) => t.id));
  for (const r of facts.runtimes) {
    const id = RUNTIME_TECHNOLOGY[r.kind];
    if (id && ids.has(id)) slot(id).files.add(r.path);
  }
  const metrics: Metric[] = table
    .filter((t) => found.has(t.id))
    .map((t) => {
      const s = found.get(t.id) as { packages: Set<string>; images: Set<string>; files: Set<string> };
      const evidence: Evidence = {};
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
