// Rows for what file collectors found, as stored per snapshot.
import type { CollectorResult, FileCollector } from '../collectors/types.ts';
import type { Row, Store } from '../store/store.ts';

export interface FactCounts {
  dependencies: number;
  runtimes: number;
  images: number;
}

export async function storeCollected(
  store: Store,
  snapshotId: number,
  collected: ReadonlyArray<{ collector: FileCollector; result: CollectorResult }>,
): Promise<FactCounts> {
  const deps: Row[] = [];
  const runtimes: Row[] = [];
  const images: Row[] = [];
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
      });
    }
  }
  for (let i = 0; i < deps.length; i += 5000) await store.insertMany('dependencies', deps.slice(i, i + 5000));
  await store.insertMany('runtimes', runtimes);
  await store.insertMany('images', images);
  return { dependencies: deps.length, runtimes: runtimes.length, images: images.length };
}
