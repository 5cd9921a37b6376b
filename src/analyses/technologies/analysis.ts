// The technologies analysis: which technologies a snapshot uses, one metric each with its evidence
// (docs/metrics/supply-chain.md), read by `cto tech` and the report.
import { exposurePathsFrom } from '../../collectors/exposure.ts';
import { snapshotDependencies, snapshotImages, snapshotPaths, snapshotRuntimes } from '../../store/deps.ts';
import type { Analysis } from '../types.ts';
import { detectTechnologies } from './detect.ts';

export const technologiesAnalysis: Analysis = {
  id: 'technologies',
  version: 4,
  area: 'technology-strategy',
  writes: [],
  metrics: ['technology', 'technologies'],
  rules: [],
  reads: ['config:exposure'],
  needs: ['tree', 'collect'],
  async run(ctx) {
    const metrics = detectTechnologies(
      {
        dependencies: await snapshotDependencies(ctx.store, ctx.snapshotId),
        images: await snapshotImages(ctx.store, ctx.snapshotId),
        runtimes: await snapshotRuntimes(ctx.store, ctx.snapshotId),
        paths: await snapshotPaths(ctx.store, ctx.snapshotId),
      },
      undefined,
      exposurePathsFrom(ctx.config),
    );
    return { metrics, findings: [] };
  },
};
