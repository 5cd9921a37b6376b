// The technologies of a snapshot as the technologies analysis stored them; computed from the facts
// when the scan did not run it. Read by `cto tech`, the radar and `cto vendors`.
import { exposurePathsFrom } from '../../collectors/exposure.ts';
import {
  snapshotDependencies,
  snapshotImages,
  snapshotMetrics,
  snapshotPaths,
  snapshotRuntimes,
} from '../../store/deps.ts';
import type { Store } from '../../store/store.ts';
import type { Metric } from '../types.ts';
import { detectTechnologies } from './detect.ts';

export async function technologyMetrics(
  store: Store,
  snapshotId: number,
  config: Record<string, unknown>,
): Promise<{ metrics: Metric[]; stored: boolean }> {
  const stored = (await snapshotMetrics(store, snapshotId, 'technologies')) as Metric[];
  if (stored.some((m) => m.metric === 'technologies')) return { metrics: stored, stored: true };
  const facts = {
    dependencies: await snapshotDependencies(store, snapshotId),
    images: await snapshotImages(store, snapshotId),
    runtimes: await snapshotRuntimes(store, snapshotId),
    paths: await snapshotPaths(store, snapshotId),
  };
  const metrics = detectTechnologies(facts, undefined, exposurePathsFrom(config));
  return { metrics, stored: false };
}
