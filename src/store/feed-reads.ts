// Reads for query-time matching: the advisories naming given packages, endoflife.date products, and
// the current snapshot's dependencies, runtimes and images of each repository (or of given snapshots).
import type { Exposure } from '../collectors/types.ts';
import type { Store } from './store.ts';

/**
 * Each repository's current snapshot, or, with `snapshotIds`, exactly those snapshots (each named by
 * its repository): the base the reads below join their facts to.
 */
function snapshotsOf(store: Store, snapshotIds: number[] | undefined) {
  return snapshotIds
    ? store.db
        .selectFrom('snapshots as s')
        .innerJoin('repositories as r', 'r.id', 's.repository_id')
        .where('s.id', 'in', snapshotIds)
    : store.db.selectFrom('repositories as r').innerJoin('snapshots as s', 's.id', 'r.current_snapshot_id');
}

/** Each repository's current snapshot (one repository when `repo` is given), or the given snapshots. */
export async function selectedSnapshots(
  store: Store,
  repo?: string,
  snapshotIds?: number[],
): Promise<Array<{ repository: string; snapshotId: number }>> {
  if (snapshotIds?.length === 0) return [];
  let q = snapshotsOf(store, snapshotIds).select(['r.name as repository', 's.id as snapshotId']);
  if (repo) q = q.where('r.name', '=', repo);
  const rows = await q.orderBy('r.name').execute();
  return rows.map((r) => ({ repository: r.repository, snapshotId: Number(r.snapshotId) }));
}

interface StoredAdvisory {
  ecosystem: string;
  id: string;
  record: string;
}

const CHUNK = 5_000;

/** Advisories of one ecosystem's feed that name any of the (normalised) package names. */
export async function advisoriesForPackages(
  store: Store,
  ecosystem: string,
  packages: string[],
): Promise<StoredAdvisory[]> {
  const unique = [...new Set(packages)];
  const out = new Map<string, StoredAdvisory>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await store.db
      .selectFrom('advisory_packages as p')
      .innerJoin('advisories as a', (j) =>
        j.onRef('a.ecosystem', '=', 'p.ecosystem').onRef('a.id', '=', 'p.advisory_id'),
      )
      .select(['a.ecosystem', 'a.id', 'a.record'])
      .where('p.ecosystem', '=', ecosystem)
      .where('p.package', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return [...out.values()];
}

export interface EolProductRecord {
  product: string;
  label: string;
  identifiers: string;
  cycles: Array<{
    cycle_name: string;
    release_date: string | null;
    lts: string | null;
    eoas: string | null;
    eol: string | null;
    eoes: string | null;
    latest: string | null;
  }>;
}

export async function loadEolRows(store: Store): Promise<EolProductRecord[]> {
  const products = await store.db.selectFrom('eol_products').selectAll().orderBy('product').execute();
  const cycles = await store.db
    .selectFrom('eol_cycles')
    .selectAll()
    .orderBy('product')
    .orderBy('position')
    .execute();
  const byProduct = new Map<string, EolProductRecord>(products.map((p) => [p.product, { ...p, cycles: [] }]));
  for (const c of cycles) byProduct.get(c.product)?.cycles.push(c);
  return [...byProduct.values()];
}

export interface CurrentDependency {
  repository: string;
  ecosystem: string;
  name: string;
  version: string | null;
  requirement: string | null;
  direct: number;
  /** The raw lockfile or manifest flag. */
  scope: string;
  /** How exposed it is (docs/risk.md, "Exposure"). */
  exposure: Exposure;
  manifestPath: string;
  parents: string | null;
  /** Where the package comes from when not the default registry (git URL, local path). */
  source: string | null;
}

/**
 * Dependencies of each repository's current snapshot (one repository when `repo` is given), or of
 * the given snapshots.
 */
export async function currentDependencies(
  store: Store,
  repo?: string,
  snapshotIds?: number[],
): Promise<CurrentDependency[]> {
  if (snapshotIds?.length === 0) return [];
  let q = snapshotsOf(store, snapshotIds)
    .innerJoin('dependencies as d', 'd.snapshot_id', 's.id')
    .select([
      'r.name as repository',
      'd.ecosystem',
      'd.name',
      'd.version',
      'd.requirement',
      'd.direct',
      'd.scope',
      'd.exposure',
      'd.manifest_path as manifestPath',
      'd.parents',
      'd.source',
    ]);
  if (repo) q = q.where('r.name', '=', repo);
  return q.orderBy('r.name').orderBy('d.ecosystem').orderBy('d.name').execute();
}

interface CurrentRuntime {
  repository: string;
  kind: string;
  version: string;
  path: string;
  source: string;
  exposure: Exposure;
  role: string | null;
}

export async function currentRuntimes(
  store: Store,
  repo?: string,
  snapshotIds?: number[],
): Promise<CurrentRuntime[]> {
  if (snapshotIds?.length === 0) return [];
  let q = snapshotsOf(store, snapshotIds)
    .innerJoin('runtimes as x', 'x.snapshot_id', 's.id')
    .select(['r.name as repository', 'x.kind', 'x.version', 'x.path', 'x.source', 'x.exposure', 'x.role']);
  if (repo) q = q.where('r.name', '=', repo);
  return q.orderBy('r.name').orderBy('x.kind').orderBy('x.path').execute();
}

interface CurrentImage {
  repository: string;
  kind: string;
  name: string;
  version: string | null;
  path: string;
  line: number | null;
  exposure: Exposure;
}

export async function currentImages(
  store: Store,
  repo?: string,
  snapshotIds?: number[],
): Promise<CurrentImage[]> {
  if (snapshotIds?.length === 0) return [];
  let q = snapshotsOf(store, snapshotIds)
    .innerJoin('images as x', 'x.snapshot_id', 's.id')
    .select(['r.name as repository', 'x.kind', 'x.name', 'x.version', 'x.path', 'x.line', 'x.exposure']);
  if (repo) q = q.where('r.name', '=', repo);
  return q.orderBy('r.name').orderBy('x.name').orderBy('x.path').execute();
}

/** Ecosystems of the current snapshots' dependencies. */
export async function currentEcosystems(store: Store): Promise<string[]> {
  const rows = await store.db
    .selectFrom('repositories as r')
    .innerJoin('dependencies as d', 'd.snapshot_id', 'r.current_snapshot_id')
    .select('d.ecosystem')
    .distinct()
    .orderBy('d.ecosystem')
    .execute();
  return rows.map((r) => r.ecosystem);
}
