// The licences analysis: each package's licence as an SPDX expression (from its files, else from the
// licence feed's cache), packages per licence (metric `licence-packages`), the share of packages
// with a known licence per ecosystem (`licence-known-share`), and findings under the workspace's
// licence policy (docs/licences.md).

import { licenceOf } from '../../licences/package-licence.ts';
import { policyFromConfig } from '../../licences/policy.ts';
import { mergePackages } from '../../sbom/packages.ts';
import { snapshotDependencies } from '../../store/deps.ts';
import { snapshotCachedLicences } from '../../store/licence-cache.ts';
import type { Analysis } from '../types.ts';
import { coverageMetrics, licenceFindings, licenceMetrics } from './evaluate.ts';

export const licencesAnalysis: Analysis = {
  id: 'licences',
  version: 3,
  area: 'infrastructure-security',
  writes: [],
  metrics: ['licence-packages', 'licence-known-share'],
  rules: ['licence-denied', 'licence-not-allowed', 'licence-unknown'],
  reads: ['config:licences'],
  needs: ['collect'],
  async run(ctx) {
    const policy = policyFromConfig(ctx.config);
    const packages = mergePackages(await snapshotDependencies(ctx.store, ctx.snapshotId));
    const cache = await snapshotCachedLicences(ctx.store, ctx.snapshotId);
    const licences = packages.map((p) => licenceOf(p, policy, cache));
    return {
      metrics: [...licenceMetrics(licences), ...coverageMetrics(licences)],
      findings: licenceFindings(licences),
    };
  },
};
