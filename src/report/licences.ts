// Licences at report time: the stored results of the licences analysis are replaced by the same
// function over each snapshot's dependencies and the licence feed's cache as it is now, so a feed
// loaded after the scan shows in the report. Findings are judged again only when the report is
// given the workspace's policy; otherwise the stored findings stay.
import { coverageMetrics, licenceFindings, licenceMetrics } from '../analyses/licences/evaluate.ts';
import type { Finding, Metric } from '../analyses/types.ts';
import { licenceOf } from '../licences/package-licence.ts';
import type { LicencePolicy } from '../licences/policy.ts';
import { mergePackages } from '../sbom/packages.ts';
import { snapshotDependencies } from '../store/deps.ts';
import { snapshotCachedLicences } from '../store/licence-cache.ts';
import type { Store } from '../store/store.ts';
import { q, type ReportData, toFinding, toMetric } from './data.ts';

const ANALYSIS = 'licences';

/** What reproduces a `licence-known-share`: the packages of that ecosystem with the cached answers. */
function coverageSql(repository: string, ecosystem: string): string {
  return `select d.name, d.version, d.license, c.licence, c.status, c.source from current_dependencies d left join licence_cache c on c.ecosystem = d.ecosystem and c.name = d.name and c.version = d.version where d.repository = ${q(repository)} and d.ecosystem = ${q(ecosystem)}`;
}

export async function addLicenceResults(
  store: Store,
  data: ReportData,
  policy: LicencePolicy | null | undefined,
): Promise<void> {
  for (const s of data.snapshots) {
    const ran = data.metrics.find((m) => m.snapshotId === s.snapshotId && m.analysis === ANALYSIS);
    if (!ran) continue;
    const cache = await snapshotCachedLicences(store, s.snapshotId);
    const packages = mergePackages(await snapshotDependencies(store, s.snapshotId));
    const licences = packages.map((p) => licenceOf(p, policy ?? null, cache));
    const metric = (m: Metric) => {
      const r = toMetric(
        {
          snapshotId: s.snapshotId,
          analysis: ANALYSIS,
          metric: m.metric,
          scope: m.scope,
          subject: m.subject,
          value: m.value,
          unit: m.unit ?? null,
          evidence: JSON.stringify(m.evidence ?? {}),
        },
        s.repository,
        ran.area,
      );
      return m.metric === 'licence-known-share' ? { ...r, sql: coverageSql(s.repository, m.subject) } : r;
    };
    data.metrics = [
      ...data.metrics.filter((m) => !(m.snapshotId === s.snapshotId && m.analysis === ANALYSIS)),
      ...[...licenceMetrics(licences), ...coverageMetrics(licences)].map(metric),
    ];
    if (policy === undefined) continue;
    const finding = (f: Finding) =>
      toFinding(
        {
          snapshotId: s.snapshotId,
          analysis: ANALYSIS,
          rule: f.rule,
          severity: f.severity,
          subject: f.subject,
          title: f.title,
          detail: f.detail ?? null,
          owner: f.owner ?? null,
          evidence: JSON.stringify(f.evidence ?? {}),
        },
        s.repository,
        ran.area,
      );
    data.findings = [
      ...data.findings.filter((f) => !(f.repository === s.repository && f.analysis === ANALYSIS)),
      ...licenceFindings(licences).map(finding),
    ];
  }
}
