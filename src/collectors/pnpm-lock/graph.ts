// The dependency graph of a pnpm lockfile: nodes are `packages` keys (v6) or `snapshots` keys
// (v9); edges follow each node's dependency references; roots are the importers' references.
import { keyOfRef } from './keys.ts';
import { Importer, PackageEntry } from './schema.ts';

interface PnpmGraph {
  nodes: Map<string, PackageEntry>;
  edges(key: string): string[];
  roots(field: 'dependencies' | 'devDependencies' | 'optionalDependencies'): string[];
}

export function buildGraph(
  lock: { importers?: Record<string, unknown>; snapshots?: Record<string, unknown> },
  packages: Map<string, PackageEntry>,
  rootImporter: unknown,
  slash: boolean,
): PnpmGraph {
  const nodes = lock.snapshots
    ? new Map(Object.entries(lock.snapshots).map(([k, v]) => [k, PackageEntry.parse(v ?? {})]))
    : packages;
  const resolve = (name: string, ref: unknown): string | null => {
    const key = keyOfRef(name, ref, slash);
    if (key && nodes.has(key)) return key;
    return typeof ref === 'string' && nodes.has(ref) ? ref : null;
  };
  const importers = lock.importers
    ? Object.values(lock.importers).map((v) => Importer.parse(v ?? {}))
    : [Importer.parse(rootImporter)];
  return {
    nodes,
    edges(key) {
      const e = nodes.get(key);
      const refs = Object.entries({ ...e?.dependencies, ...e?.optionalDependencies });
      return refs.map(([n, r]) => resolve(n, r)).filter((k) => k !== null);
    },
    roots(field) {
      return importers
        .flatMap((imp) =>
          Object.entries(imp[field] ?? {}).map(([n, v]) => resolve(n, typeof v === 'string' ? v : v.version)),
        )
        .filter((k) => k !== null);
    },
  };
}
