// Writing and reading what analyses derive.
import { sql } from 'kysely';
import type { Diagnostic, DiagnosticSeverity } from '../collectors/types.ts';
import type { Finding, Metric } from '../results.ts';
import type { BulkTable } from './schema.ts';
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

/**
 * Copy what an analysis stored with one snapshot (its metrics, findings and the rows of its own
 * tables) to another snapshot of the same commit, for a rescan that does not run it again. Returns
 * its diagnostics there, which the new snapshot stores with its own.
 */
export async function copyAnalysisResults(
  store: Store,
  from: number,
  to: number,
  analysis: string,
  tables: readonly BulkTable[],
): Promise<Diagnostic[]> {
  await copyRows(store, 'metrics', from, to, analysis);
  await copyRows(store, 'findings', from, to, analysis);
  for (const table of tables) await copyRows(store, table, from, to, null);
  const rows = await store.db
    .selectFrom('diagnostics')
    .select(['path', 'collector', 'code', 'message', 'severity'])
    .where('snapshot_id', '=', from)
    .where('collector', '=', analysis)
    .execute();
  return rows.map((r) => ({
    path: r.path ?? '',
    collector: r.collector,
    code: r.code,
    message: r.message,
    severity: r.severity as DiagnosticSeverity,
  }));
}

/** `insert ... select` of one snapshot's rows as another's (of one analysis when given), in the database. */
async function copyRows(
  store: Store,
  table: BulkTable,
  from: number,
  to: number,
  analysis: string | null,
): Promise<void> {
  const byAnalysis = analysis === null ? sql`` : sql` and analysis = ${analysis}`;
  const sample = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table)} where snapshot_id = ${from}${byAnalysis} limit 1`.execute(store.db);
  const first = sample.rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const values = columns.map((c) => (c === 'snapshot_id' ? sql.lit(to) : sql.ref(c)));
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select ${sql.join(values)} from ${sql.table(table)} where snapshot_id = ${from}${byAnalysis}`.execute(
    store.db,
  );
}
