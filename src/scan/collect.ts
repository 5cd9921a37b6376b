// Stage 5, collect: run each collector on the files it matched in the tree, and store the facts
// they emit with the snapshot. A collector that throws becomes a diagnostic; the others still run.
// Each fact's exposure is decided here, from what the collector read and the workspace's path rules.
import { decideExposure, type ExposurePaths, exposurePathsFrom } from '../collectors/exposure.ts';
import type { CollectorResult, FileCollector, FileInput } from '../collectors/types.ts';
import type { Store, TableRow } from '../store/store.ts';
import type { SnapshotWork } from './stages.ts';

interface FactCounts {
  dependencies: number;
  runtimes: number;
  images: number;
}

type Collected = Array<{ collector: FileCollector; result: CollectorResult }>;

/** Run the collectors (in plugin order) on their files, and store what they found. */
export async function collectStage(
  work: SnapshotWork,
  inputs: ReadonlyMap<FileCollector, FileInput[]>,
): Promise<FactCounts> {
  const collected: Collected = [];
  let done = 0;
  for (const c of work.plugins.collectors) {
    const files = inputs.get(c);
    if (!files) continue;
    work.onStage({ stage: 'collectors', done: done++, total: inputs.size });
    try {
      const result = c.collect(files);
      for (const d of result.diagnostics) work.diagnostics.push(d);
      collected.push({ collector: c, result });
    } catch (e) {
      work.diagnostics.push({
        path: files[0]?.path ?? '',
        collector: c.id,
        code: 'collector-crashed',
        message: (e as Error).message,
        severity: 'error',
      });
    }
  }
  return storeCollected(work.store, work.snapshotId, collected, exposurePathsFrom(work.workspace.config));
}

async function storeCollected(
  store: Store,
  snapshotId: number,
  collected: Collected,
  paths: ExposurePaths,
): Promise<FactCounts> {
  const deps: TableRow<'dependencies'>[] = [];
  const runtimes: TableRow<'runtimes'>[] = [];
  const images: TableRow<'images'>[] = [];
  for (const { collector, result } of collected) {
    for (const d of result.dependencies ?? []) {
      deps.push({
        snapshot_id: snapshotId,
        collector: collector.id,
        ecosystem: d.ecosystem,
        name: d.name,
        version: d.version,
        requirement: d.requirement ?? null,
        direct: d.direct ? 1 : 0,
        scope: d.scope,
        exposure: decideExposure({ path: d.manifestPath, scope: d.scope, stated: d.exposure }, paths),
        manifest_path: d.manifestPath,
        license: d.license ?? null,
        source: d.source ?? null,
        parents: d.parents && d.parents.length > 0 ? d.parents.join(' ') : null,
      });
    }
    for (const r of result.runtimes ?? []) {
      runtimes.push({
        snapshot_id: snapshotId,
        collector: collector.id,
        kind: r.kind,
        version: r.version,
        path: r.path,
        source: r.source,
        exposure: decideExposure({ path: r.path, stated: r.exposure }, paths),
        role: r.role,
      });
    }
    for (const i of result.images ?? []) {
      images.push({
        snapshot_id: snapshotId,
        collector: collector.id,
        kind: i.kind,
        name: i.name,
        version: i.version,
        path: i.path,
        line: i.line ?? null,
        exposure: decideExposure({ path: i.path, stated: i.exposure }, paths),
      });
    }
  }
  await store.insertMany('dependencies', deps);
  await store.insertMany('runtimes', runtimes);
  await store.insertMany('images', images);
  return { dependencies: deps.length, runtimes: runtimes.length, images: images.length };
}
