// Stage 6, analyse: run the analyses on the facts of the new snapshot and store what they derive,
// each as soon as what it declares it reads is stored. An analysis that throws becomes a diagnostic;
// the others still run and the snapshot still finishes.
import { availableParallelism } from 'node:os';
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
import { getSnapshot } from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';
import type { OnStage, SnapshotWork } from './stages.ts';

/** Analyses computing at once: they are mostly git- or store-bound; more would only add memory. */
const ANALYSES_AT_ONCE = Math.max(2, availableParallelism());

/**
 * Run the plugins' analyses on the new snapshot whose history is `segments`, each as soon as the
 * facts stages it `needs` are stored (`factsReady`) and the analyses it comes `after` are done, beside
 * the others. On a rescan of the same commit, the analyses the plan keeps are not run: their results
 * are copied from the base snapshot. An analysis is given the previous snapshot to reuse only when
 * the same version of it made that snapshot's results.
 */
export async function analyseStage(
  work: SnapshotWork,
  segments: number[],
  factsReady: (analysis: Analysis) => Promise<unknown>,
  atOnce?: number,
  /** Called once every analysis's work from git alone has started (or failed to). */
  onGitStarts?: () => void,
): Promise<void> {
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
  const previousFor = (a: Analysis) => (sameVersion.has(`${a.id}@${a.version}`) ? previous : null);
  const toRun = work.plugins.analyses.filter((a) => !keep.has(a.id));
  const started = await startFromGit(work, toRun, previousFor);
  void Promise.allSettled(started.values()).then(() => onGitStarts?.());
  const diagnostics = await runAnalyses(
    toRun,
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
    {
      onStage: work.onStage,
      previousFor,
      // Its work from git alone started (or failed to: run() then does it itself) and its facts stored.
      factsReady: (a) => Promise.all([started.get(a.id), factsReady(a)]),
      ...(atOnce === undefined ? {} : { atOnce }),
    },
  );
  for (const d of diagnostics) work.diagnostics.push(d);
}

/**
 * Start what each analysis can do from git alone (Analysis.fromGit) now, beside the facts stages:
 * what settles when each has started its work. A failure here is not the analysis's: run() does the
 * work itself.
 */
async function startFromGit(
  work: SnapshotWork,
  analyses: readonly Analysis[],
  previousFor: (a: Analysis) => number | null,
): Promise<Map<string, Promise<void>>> {
  const started = new Map<string, Promise<void>>();
  for (const a of analyses) {
    if (!a.fromGit) continue;
    const previous = previousFor(a);
    const previousCommit =
      previous === null ? null : ((await getSnapshot(work.store, previous))?.commit_sha ?? null);
    const source = {
      gitDir: work.found.info.gitDir,
      commit: work.plan.commit,
      previousCommit,
      later: work.later ?? [],
    };
    started.set(
      a.id,
      a.fromGit(source).catch(() => {}),
    );
  }
  return started;
}

interface RunOptions {
  onStage?: OnStage;
  previousFor?: (analysis: Analysis) => number | null;
  /** Settles when the facts the analysis needs are stored (default: at once); a rejection skips it. */
  factsReady?: (analysis: Analysis) => Promise<unknown>;
  /** Analyses computing at once (default: the cores, at least 2). */
  atOnce?: number;
}

/**
 * Run `analyses` (in registry order: an analysis comes after those it reads) as a graph: each starts
 * once its facts are ready and the analyses it comes `after` are stored, at most `atOnce` computing
 * at a time. Results are stored in the order of the list, whatever order they finish in, so the
 * store holds the same rows in the same order as a run one after the other; diagnostics likewise.
 */
export async function runAnalyses(
  analyses: readonly Analysis[],
  facts: Omit<AnalysisContext, 'shared'>,
  options: RunOptions = {},
): Promise<Diagnostic[]> {
  const previousFor = options.previousFor ?? (() => facts.previousSnapshotId);
  const loads = new Map<string, Promise<unknown>>();
  const ctx: AnalysisContext = { ...facts, shared: sharedLoads(loads) };
  // Readers of each shared load still to finish: the load is dropped after the last of them.
  const readers = new Map<string, number>();
  for (const a of analyses) for (const key of a.shares ?? []) readers.set(key, (readers.get(key) ?? 0) + 1);
  const releasedBy = new Set<string>();
  const released = (a: Analysis) => {
    if (releasedBy.has(a.id)) return;
    releasedBy.add(a.id);
    for (const key of a.shares ?? []) {
      const left = (readers.get(key) ?? 1) - 1;
      readers.set(key, left);
      if (left === 0) loads.delete(key);
    }
  };
  const atOnce = options.atOnce ?? ANALYSES_AT_ONCE;
  const slots = semaphore(atOnce);
  const failed = new Set<string>();
  const perAnalysis: Diagnostic[][] = analyses.map(() => []);
  const done = new Map<string, Promise<void>>();
  let stored: Promise<void> = Promise.resolve();
  for (const [i, analysis] of analyses.entries()) {
    const out = perAnalysis[i] as Diagnostic[];
    const storedBefore = stored;
    const finished = (async () => {
      let result: AnalysisResult | null = null;
      try {
        const after = (analysis.after ?? []).filter((id) => done.has(id));
        // One at a time is the old order: each analysis after the one before it in the list.
        const before = atOnce === 1 ? [storedBefore] : [];
        await Promise.all([options.factsReady?.(analysis), ...after.map((id) => done.get(id)), ...before]);
        const missing = after.filter((id) => failed.has(id));
        if (missing.length > 0) {
          failed.add(analysis.id);
          out.push(diag(analysis.id, 'analysis-skipped', `not run: ${missing.join(', ')} failed first`));
        } else {
          result = await slots(async () => {
            options.onStage?.({ stage: 'analysis', id: analysis.id, index: i + 1, total: analyses.length });
            try {
              return await analysis.run({ ...ctx, previousSnapshotId: previousFor(analysis) });
            } finally {
              released(analysis); // before the slot goes to the next analysis
              options.onStage?.({ stage: 'done', name: `analysis:${analysis.id}` });
            }
          });
        }
      } catch (e) {
        failed.add(analysis.id);
        out.push(diag(analysis.id, 'analysis-failed', (e as Error).message ?? String(e)));
      } finally {
        released(analysis); // skipped or failed before it ran
      }
      await storedBefore;
      if (result === null) return;
      try {
        const tables = declaredTables(analysis, result);
        await storeAnalysisResult(ctx.store, ctx.snapshotId, analysis.id, result.metrics, result.findings);
        for (const table of analysis.writes) await insertTable(ctx.store, table, tables);
        for (const d of result.diagnostics ?? []) out.push(d); // may be one per file
      } catch (e) {
        failed.add(analysis.id);
        out.push(diag(analysis.id, 'analysis-failed', (e as Error).message ?? String(e)));
      }
    })();
    done.set(analysis.id, finished);
    stored = finished;
  }
  await Promise.all(done.values());
  return perAnalysis.flat();
}

/** Run at most `size` of the functions given at once, the others in the order they asked. */
function semaphore(size: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let free = size;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
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
