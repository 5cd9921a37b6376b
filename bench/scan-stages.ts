// One `cto scan` of one repository into a fresh SQLite workspace, as the CLI runs it, printing how
// long each stage took (history, tree, collectors, each analysis, finish) as JSON on stdout. For
// benchmarks that need the time of each analysis, not only the total. The scan is timed by its own
// progress events, so a scan that is not measured pays nothing. 'start' is discover and plan (before
// the first event). Peak RSS of a stage: this process's resident size sampled every 20 ms while the
// event loop is free, and its lifetime peak (`maxRSS`) when the stage raised it (a stage that blocks
// the loop still has its peak counted that way).
//   node bench/scan-stages.ts <repo>[,<repo>...] <workspace> [--no-analyses | --analyses a,b]
import { ANALYSES, selectAnalyses } from '../src/analyses/registry.ts';
import { COLLECTORS } from '../src/collectors/registry.ts';
import { DEFAULT_BUDGET_SETTINGS } from '../src/git/budget.ts';
import { givenPlugins } from '../src/scan/plugins.ts';
import { runScan } from '../src/scan/run.ts';
import type { StageEvent } from '../src/scan/stages.ts';
import { openStore } from '../src/store/store.ts';
import { loadWorkspace, storeTarget } from '../src/workspace.ts';

export interface StageTimes {
  /** Seconds per stage name ('history', 'tree', 'collectors', 'analysis:<id>', 'finish'), in order. */
  stages: Record<string, number>;
  /** Resident and JavaScript heap megabytes when each stage ended. */
  memory: Record<string, { rssMb: number; heapMb: number }>;
  /** Peak resident megabytes of this process during each stage (git children not included). */
  peakRssMb: Record<string, number>;
  total: number;
  status: string;
}

function stageName(e: StageEvent): string {
  return e.stage === 'analysis' ? `analysis:${e.id}` : e.stage;
}

export async function scanStages(
  repo: string | readonly string[],
  workspace: string,
  analyses: string[] | null,
): Promise<StageTimes> {
  const ws = loadWorkspace(workspace);
  const store = await openStore(storeTarget(ws, undefined));
  const stages: Record<string, number> = {};
  const memory: StageTimes['memory'] = {};
  const started = performance.now();
  const peakRssMb: Record<string, number> = {};
  let current = 'start';
  let since = started;
  let peak = process.memoryUsage.rss();
  let lifetimeAtStart = process.resourceUsage().maxRSS * 1024;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  sampler.unref();
  const switchTo = (name: string) => {
    const now = performance.now();
    stages[current] = (stages[current] ?? 0) + (now - since) / 1000;
    const lifetime = process.resourceUsage().maxRSS * 1024;
    if (lifetime > lifetimeAtStart) peak = Math.max(peak, lifetime);
    peakRssMb[current] = Math.max(peakRssMb[current] ?? 0, Math.round(peak / 2 ** 20));
    (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: what stays, not what waits for collection
    const m = process.memoryUsage();
    memory[current] = { rssMb: Math.round(m.rss / 2 ** 20), heapMb: Math.round(m.heapUsed / 2 ** 20) };
    current = name;
    since = now;
    peak = process.memoryUsage.rss();
    lifetimeAtStart = Math.max(lifetime, peak);
  };
  try {
    const result = await runScan(store, {
      paths: typeof repo === 'string' ? [repo] : repo,
      depth: 1,
      jobs: 1,
      maxFileSize: 10 * 1024 * 1024,
      plugins: givenPlugins({
        collectors: COLLECTORS,
        analyses: analyses === null ? [] : analyses.length > 0 ? selectAnalyses(analyses) : ANALYSES,
      }),
      // A benchmark tree may be bigger than the default bound on tree entries.
      budget: { ...DEFAULT_BUDGET_SETTINGS, treeEntries: 100_000_000 },
      workspace: { dir: ws.dir, config: ws.config },
      // Each repository's plan (after the first, whose discover and plan are 'start' already).
      onStart: () => {
        if (current !== 'start') switchTo('start');
      },
      onStage: (_repo, e) => {
        const name = stageName(e);
        if (name !== current) switchTo(name);
      },
    });
    switchTo('end');
    const statuses = new Set(result.repositories.map((r) => r.status));
    const status = [...statuses].join(',') || 'none';
    return { stages, memory, peakRssMb, total: (performance.now() - started) / 1000, status };
  } finally {
    clearInterval(sampler);
    await store.close();
  }
}

if (import.meta.main) {
  const [repo, workspace, flag, list] = process.argv.slice(2);
  if (!repo || !workspace)
    throw new Error('usage: scan-stages.ts <repo>[,<repo>...] <workspace> [--no-analyses | --analyses a,b]');
  const analyses = flag === '--no-analyses' ? null : flag === '--analyses' ? (list ?? '').split(',') : [];
  process.stdout.write(`${JSON.stringify(await scanStages(repo.split(','), workspace, analyses))}\n`);
}
