// Writing and reading what analyses derive.
import type { Finding, Metric } from '../results.ts';
import type { Store, TableRow } from './store.ts';

export async function storeAnalysisResult(
  store: Store,
  snapshotId: number,
  analysis: string,
  metrics: Metric[],
  findings: Finding[],
): Promise<void> {
  const metricRows: TableRow<'metrics'>[] = metrics.map((m) => ({
    snapshot_id: snapshotId,
    analysis,
    metric: m.metric,
    scope: m.scope,
    subject: m.subject,
    value: m.value,
    unit: m.unit ?? null,
    evidence: m.evidence ? JSON.stringify(m.evidence) : null,
  }));
  const findingRows: TableRow<'findings'>[] = findings.map((f) => ({
    snapshot_id: snapshotId,
    analysis,
    rule: f.rule,
    severity: f.severity,
    subject: f.subject,
    title: f.title,
    detail: f.detail ?? null,
    owner: f.owner ?? null,
    evidence: f.evidence ? JSON.stringify(f.evidence) : null,
  }));
  await store.insertMany('metrics', metricRows);
  await store.insertMany('findings', findingRows);
}
