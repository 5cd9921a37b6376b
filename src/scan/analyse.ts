// Stage 6, analyse: run the analyses on the facts of the new snapshot and store what they derive.
// An analysis that throws becomes a diagnostic; the others still run and the snapshot still finishes.
import type {
  Analysis,
  AnalysisContext,
  AnalysisResult,
  AnalysisTable,
  AnalysisTables,
} from '../analyses/types.ts';
import type { Diagnostic } from '../collectors/types.ts';
import { referenceDay, referenceTs } from '../reference-date.ts';
import { copyAnalysisResults, storeAnalysisResult } from '../store/analysis-results.ts';
import { pluginsOf } from '../store/snapshot-plugins.ts';
import type { Store } from '../store/store.ts';
import type { OnStage, SnapshotWork } from './stages.ts';

/**
 * Run the plugins' analyses, in order, on the new snapshot whose history is `segments`. On a rescan
 * of the same commit, the analyses the plan keeps are not run: their results are copied from the
 * base snapshot. An analysis is given the previous snapshot to reuse only when the same version of
 * it made that snapshot's results.
 */
export async function analyseStage(work: SnapshotWork, segments: number[]): Promise<void> {
  const { store, plan, snapshotId } = work;
  const keep = new Set(plan.kind === 'incremental' ? plan.keep : []);
  if (plan.kind === 'incremental') {
    for (const a of work.plugins.analyses.filter((x) => keep.has(x.id))) {
      work.diagnostics.push(...(await copyAnalysisResults(store, plan.baseId, snapshotId, a.id, a.writes)));
    }
  }
  const previous = work.previousSnapshotId;
  // A historical snapshot counts its windows back from its period end; the current one from the scan's day.
  const day = work.asOf ?? referenceDay(work.workspace.today);
  const before = previous === null ? [] : await pluginsOf(store, previous);
  const sameVersion = new Set(before.filter((r) => r.kind === 'analysis').map((r) => `${r.id}@${r.version}`));
  const diagnostics = await runAnalyses(
    work.plugins.analyses.filter((a) => !keep.has(a.id)),
    {
      store,
      snapshotId,
      repositoryId: work.repositoryId,
      repositoryName: work.found.name,
      gitDir: work.found.info.gitDir,
      commit: plan.commit,
      segments,
      previousSnapshotId: previous,
      later: work.later ?? [],
      config: work.workspace.config,
      workspaceDir: work.workspace.dir,
      referenceDay: day,
      referenceTs: referenceTs(day),
    },
    work.onStage,
    (a) => (sameVersion.has(`${a.id}@${a.version}`) ? previous : null),
  );
  for (const d of diagnostics) work.diagnostics.push(d);
}

export async function runAnalyses(
  analyses: readonly Analysis[],
  facts: Omit<AnalysisContext, 'shared'>,
  onStage?: OnStage,
  previousFor: (analysis: Analysis) => number | null = () => facts.previousSnapshotId,
): Promise<Diagnostic[]> {
  const loads = new Map<string, Promise<unknown>>();
  const ctx: AnalysisContext = { ...facts, shared: sharedLoads(loads) };
  const lastReader = new Map<string, Analysis>();
  for (const a of analyses) for (const key of a.shares ?? []) lastReader.set(key, a);
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();
  for (const [i, analysis] of analyses.entries()) {
    onStage?.({ stage: 'analysis', id: analysis.id, index: i + 1, total: analyses.length });
    const missing = (analysis.after ?? []).filter((id) => failed.has(id));
    if (missing.length > 0) {
      failed.add(analysis.id);
      diagnostics.push(diag(analysis.id, 'analysis-skipped', `not run: ${missing.join(', ')} failed first`));
      continue;
    }
    try {
      const result = await analysis.run({ ...ctx, previousSnapshotId: previousFor(analysis) });
      const tables = declaredTables(analysis, result);
      await storeAnalysisResult(ctx.store, ctx.snapshotId, analysis.id, result.metrics, result.findings);
      for (const table of analysis.writes) await insertTable(ctx.store, table, tables);
      for (const d of result.diagnostics ?? []) diagnostics.push(d); // may be one per file
    } catch (e) {
      failed.add(analysis.id);
      diagnostics.push(diag(analysis.id, 'analysis-failed', (e as Error).message ?? String(e)));
    }
    for (const [key, last] of lastReader) if (last === analysis) loads.delete(key);
  }
  return diagnostics;
}

/**
 * The rows an analysis returned, by table; a table it does not declare in `writes` fails the
 * analysis before anything of it is stored.
 */
function declaredTables(analysis: Analysis, result: AnalysisResult): AnalysisTables {
  const tables = result.tables ?? {};
  for (const table of Object.keys(tables)) {
    if (!analysis.writes.some((t) => t === table))
      throw new Error(`returned rows for table ${table}, which it does not declare in writes`);
  }
  return tables;
}

async function insertTable<T extends AnalysisTable>(
  store: Store,
  table: T,
  tables: AnalysisTables,
): Promise<void> {
  const rows = tables[table];
  if (rows) await store.insertMany(table, rows);
}

/** One load per key for the analyses of one snapshot: dropped after its last declared reader, or at the end. */
function sharedLoads(loads: Map<string, Promise<unknown>>): AnalysisContext['shared'] {
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let p = loads.get(key);
    if (!p) {
      p = load();
      loads.set(key, p);
    }
    return p as Promise<T>;
  };
}

function diag(collector: string, code: string, message: string): Diagnostic {
  return { path: '', collector, code, message, severity: 'error' };
}
