// Delivery: releases from version tags, lead time for changes, deployment frequency bucket,
// change failure and rework proxies, activity. Definitions: docs/metrics/delivery.md.
import { deliveryFacts } from '../../store/delivery.ts';
import type { Analysis } from '../types.ts';
import { deliveryConfig } from './config.ts';
import { activityRows, deliveryMetrics, releaseRows } from './metrics.ts';
import { deliveryModel } from './model.ts';
import { tagMatcher } from './versions.ts';

export const deliveryAnalysis: Analysis = {
  id: 'delivery',
  version: 3,
  area: 'delivery',
  writes: ['delivery_releases', 'delivery_activity'],
  metrics: [
    'releases',
    'pre-releases',
    'ignored-tags',
    'unreleased-commits',
    'unreleased-age-median',
    'unreleased-age-max',
    'release-interval-median',
    'release-interval-p90',
    'lead-time-median-last-10',
    'lead-time-p90-last-10',
    'lead-time-changes-last-10',
    'lead-time-median-365d',
    'lead-time-p90-365d',
    'lead-time-changes-365d',
    'releases-365d',
    'change-failure-rate',
    'change-failure-rate-365d',
    'rework-rate',
    'rework-rate-365d',
    'deployment-frequency',
    'deployments-window',
  ],
  rules: [],
  reads: ['config:delivery', 'reference-date'],
  needs: ['history'],
  async run(ctx) {
    const config = deliveryConfig(ctx.config);
    const matcher = tagMatcher(config.tagPattern, ctx.repositoryName);
    const { commits, tags } = await deliveryFacts(ctx.store, ctx.snapshotId, ctx.segments);
    // Windows count back from the scan's reference date, never from the last commit (docs/risk.md).
    const model = deliveryModel(commits, tags, {
      matcher,
      patchWindowDays: config.patchWindowDays,
      referenceTs: ctx.referenceTs,
    });
    return {
      metrics: deliveryMetrics(model),
      findings: [],
      tables: {
        delivery_releases: releaseRows(ctx.snapshotId, model),
        delivery_activity: activityRows(ctx.snapshotId, model),
      },
    };
  },
};
