// Queries for the supply chain: a repository's current dependencies, images, runtimes and file paths,
// and the metrics analyses stored about them.
import type { Exposure } from '../collectors/types.ts';
import { resolveRepositories } from './repositories.ts';
import type { Store } from './store.ts';

export interface CurrentRepository {
  id: number;
  name: string;
  path: string;
  snapshotId: number;
  commit: string;
  ref: string | null;
  finishedAt: string | null;
}

/** Repositories with a current snapshot; `name` picks them by name or scanned path (`resolveRepositories`). */
export async function currentRepositories(store: Store, name?: string): Promise<CurrentRepository[]> {
  return (await resolveRepositories(store, name)).flatMap((r) =>
    r.snapshotId !== null && r.commit !== null ? [{ ...r, snapshotId: r.snapshotId, commit: r.commit }] : [],
  );
}

export interface DependencyRow {
  snapshotId: number;
  collector: string;
  ecosystem: string;
  name: string;
  version: string | null;
  requirement: string | null;
  direct: boolean;
  scope: string;
  exposure: Exposure;
  manifestPath: string;
  license: string | null;
  source: string | null;
  parents: string[] | null;
}

export async function snapshotDependencies(store: Store, snapshotId: number): Promise<DependencyRow[]> {
  const rows = await store.db
    .selectFrom('dependencies')
    .selectAll()
    .where('snapshot_id', '=', snapshotId)
    .orderBy('ecosystem')
    .orderBy('name')
    .orderBy('manifest_path')
    .execute();
  return rows.map((r) => ({
    snapshotId: r.snapshot_id,
    collector: r.collector,
    ecosystem: r.ecosystem,
    name: r.name,
    version: r.version,
    requirement: r.requirement,
    direct: r.direct === 1,
    scope: r.scope,
    exposure: r.exposure,
    manifestPath: r.manifest_path,
    license: r.license,
    source: r.source,
    parents: r.parents === null ? null : r.parents.split(' ').filter((p) => p !== ''),
  }));
}

export async function snapshotImages(store: Store, snapshotId: number) {
  return store.db
    .selectFrom('images')
    .select(['kind', 'name', 'version', 'path', 'line', 'exposure'])
    .where('snapshot_id', '=', snapshotId)
    .orderBy('path')
    .orderBy('name')
    .execute();
}

export async function snapshotRuntimes(store: Store, snapshotId: number) {
  return store.db
    .selectFrom('runtimes')
    .select(['kind', 'version', 'path', 'source', 'exposure', 'role'])
    .where('snapshot_id', '=', snapshotId)
    .orderBy('path')
    .orderBy('kind')
    .execute();
}

/** Paths of the snapshot's tree (files, symlinks and submodules). */
export async function snapshotPaths(store: Store, snapshotId: number): Promise<string[]> {
  const rows = await store.db
    .selectFrom('files')
    .select('path')
    .where('snapshot_id', '=', snapshotId)
    .orderBy('path')
    .execute();
  return rows.map((r) => r.path);
}

interface StoredMetric {
  metric: string;
  scope: string;
  subject: string;
  value: number | null;
  unit: string | null;
  evidence: Record<string, unknown> | null;
}

/** Metrics one analysis stored for a snapshot. */
export async function snapshotMetrics(
  store: Store,
  snapshotId: number,
  analysis: string,
): Promise<StoredMetric[]> {
  const rows = await store.db
    .selectFrom('metrics')
    .select(['metric', 'scope', 'subject', 'value', 'unit', 'evidence'])
    .where('snapshot_id', '=', snapshotId)
    .where('analysis', '=', analysis)
    .orderBy('metric')
    .orderBy('subject')
    .execute();
  return rows.map((r) => ({ ...r, evidence: r.evidence ? JSON.parse(r.evidence) : null }));
}
