// The licences analysis: each package's licence as an SPDX expression, packages per licence
// (metric `licence-packages`), and findings under the workspace's licence policy (docs/licences.md).
import { mergePackages } from '../../sbom/packages.ts';
import { snapshotDependencies } from '../../store/deps.ts';
import type { Analysis } from '../types.ts';
import { licenceFindings, licenceMetrics, licenceOf } from './evaluate.ts';
import { policyFromConfig } from './policy.ts';

export const licencesAnalysis: Analysis = {
  id: 'licences',
  version: 1,
  async run(ctx) {
    const policy = policyFromConfig(ctx.config);
    const packages = mergePackages(await snapshotDependencies(ctx.store, ctx.snapshotId));
    const licences = packages.map((p) => licenceOf(p, policy));
    return { metrics: licenceMetrics(licences), findings: licenceFindings(licences) };
  },
};
