// One `cto scan` of one repository into a fresh SQLite workspace, as the CLI runs it, printing when
// each stage ran (history, tree, collectors, each analysis, finish) as JSON on stdout. For benchmarks
// that need the time of each analysis, not only the total. The scan is timed by its own progress
// events (a stage runs from its first event to its `done` event; stages overlap), so a scan that is
// not measured pays nothing. 'start' is discover and plan (before the first event). Peak memory of a
// stage: this process's resident size (RSS) and the sum of the RSS of it and every git process it
// started, sampled every 50 ms while the stage ran; and the sum of their proportional set sizes (Pss,
// from /proc/<pid>/smaps_rollup), where a page shared by several processes (git/git's pack files,
// mapped by each git process) is split between them, so shared memory is counted once in total.
// Reading smaps_rollup walks a process's page tables (a tenth of a second or more for a few hundred
// MB on a loaded machine), so Pss is sampled in a worker thread (the scan's thread never waits on
// it), each sample at least a second and ten times its own cost after the last: a coarser sampling. `--in-order` runs the stages one after the
// other, as before they overlapped.
//   node bench/scan-stages.ts <repo>[,<repo>...] <workspace> [--no-analyses | --analyses a,b] [--in-order]
import { ANALYSES, selectAnalyses } from '../src/analyses/registry.ts';
import { COLLECTORS } from '../src/collectors/registry.ts';
import { DEFAULT_BUDGET_SETTINGS } from '../src/git/budget.ts';
import { givenPlugins } from '../src/scan/plugins.ts';
import { runScan } from '../src/scan/run.ts';
import type { StageEvent } from '../src/scan/stages.ts';
import { openStore } from '../src/store/store.ts';
import { loadWorkspace, storeTarget } from '../src/workspace.ts';
import { pssSampler, treeRss } from './proc-memory.ts';

export interface StageTimes {
  /**
   * Seconds per stage name ('start', 'history', 'tree', 'collectors', 'analysis:<id>', 'finish'), in
   * the order they started: from its first event to its end, summed over the repositories. Stages
   * overlap, so these add up to more than the scan took.
   */
  stages: Record<string, number>;
  /** Seconds from the start of the scan to each stage's first start and its last end. */
  spans: Record<string, { from: number; to: number }>;
  /** Resident and JavaScript heap megabytes when each stage ended. */
  memory: Record<string, { rssMb: number; heapMb: number }>;
  /** Peak resident megabytes of this process (worker threads included) while each stage ran. */
  peakRssMb: Record<string, number>;
  /** Peak resident megabytes of this process and every process it started (git) together, while each stage ran. */
  peakTreeRssMb: Record<string, number>;
  /**
   * Peak proportional set size of this process and every process it started, summed, while each
   * stage ran: memory shared between processes (mapped pack files) counted once in total. The
   * figure compared with the 500 MB target (docs/development/performance.md).
   */
  peakTreePssMb: Record<string, number>;
  /** Of it, anonymous memory (the processes' own, not files they map such as pack files). */
  peakTreeAnonMb: Record<string, number>;
  /** The same over the whole scan. */
  peakRssAllMb: number;
  peakTreeRssAllMb: number;
  peakTreePssAllMb: number;
  peakTreeAnonAllMb: number;
  total: number;
  status: string;
}

function stageName(e: StageEvent): string | null {
  if (e.stage === 'done') return null;
  return e.stage === 'analysis' ? `analysis:${e.id}` : e.stage;
}

const MB = 2 ** 20;

export async function scanStages(
  repo: string | readonly string[],
  workspace: string,
  analyses: string[] | null,
  overlap = true,
): Promise<StageTimes> {
  const ws = loadWorkspace(workspace);
  const store = await openStore(storeTarget(ws, undefined));
  const spans: StageTimes['spans'] = {};
  const memory: StageTimes['memory'] = {};
  const peakRssMb: Record<string, number> = {};
  const peakTreeRssMb: Record<string, number> = {};
  const peakTreePssMb: Record<string, number> = {};
  const peakTreeAnonMb: Record<string, number> = {};
  let peakTreeAnonAll = 0;
  let peakAll = 0;
  let peakTreeAll = 0;
  let peakTreePssAll = 0;
  const started = performance.now();
  const now = () => (performance.now() - started) / 1000;
  const running = new Set<string>(['start']);
  spans.start = { from: 0, to: 0 };
  const sample = () => {
    const rss = process.memoryUsage.rss();
    const tree = treeRss();
    peakAll = Math.max(peakAll, rss);
    peakTreeAll = Math.max(peakTreeAll, tree);
    for (const name of running) {
      peakRssMb[name] = Math.max(peakRssMb[name] ?? 0, Math.round(rss / MB));
      peakTreeRssMb[name] = Math.max(peakTreeRssMb[name] ?? 0, Math.round(tree / MB));
    }
  };
  const sampler = setInterval(sample, 50);
  sampler.unref();
  const pss = pssSampler(({ bytes, anonBytes }, asked) => {
    peakTreePssAll = Math.max(peakTreePssAll, bytes);
    peakTreeAnonAll = Math.max(peakTreeAnonAll, anonBytes);
    for (const name of new Set([...running, ...asked])) {
      peakTreePssMb[name] = Math.max(peakTreePssMb[name] ?? 0, Math.round(bytes / MB));
      peakTreeAnonMb[name] = Math.max(peakTreeAnonMb[name] ?? 0, Math.round(anonBytes / MB));
    }
  });
  const seconds: Record<string, number> = {};
  const since: Record<string, number> = { start: 0 };
  const begin = (name: string) => {
    if (running.has(name)) return;
    sample();
    running.add(name);
    since[name] = now();
    spans[name] ??= { from: now(), to: now() }; // first start, last end over the repositories
  };
  const end = (name: string) => {
    if (!running.has(name)) return;
    sample();
    // A Pss sample as soon as the worker can, counted for the stages running now (short ones too).
    pss.now([...running]);
    running.delete(name);
    const span = spans[name];
    if (span) span.to = now();
    seconds[name] = (seconds[name] ?? 0) + now() - (since[name] ?? now());
    const m = process.memoryUsage();
    memory[name] = { rssMb: Math.round(m.rss / MB), heapMb: Math.round(m.heapUsed / MB) };
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
      overlap,
      // Each repository's plan (after the first, whose discover and plan are 'start' already).
      onStart: () => begin('start'),
      onStage: (_repo, e) => {
        end('start');
        if (e.stage === 'done') return end(e.name);
        const name = stageName(e) as string;
        if (name === 'finish') for (const other of [...running]) end(other);
        begin(name);
      },
      onDone: () => {
        for (const other of [...running]) end(other);
      },
    });
    const statuses = new Set(result.repositories.map((r) => r.status));
    const status = [...statuses].join(',') || 'none';
    return {
      stages: Object.fromEntries(Object.keys(spans).map((name) => [name, seconds[name] ?? 0])),
      spans,
      memory,
      peakRssMb,
      peakTreeRssMb,
      peakTreePssMb,
      peakTreeAnonMb,
      peakRssAllMb: Math.round(peakAll / MB),
      peakTreeRssAllMb: Math.round(peakTreeAll / MB),
      peakTreePssAllMb: Math.round(peakTreePssAll / MB),
      peakTreeAnonAllMb: Math.round(peakTreeAnonAll / MB),
      total: now(),
      status,
    };
  } finally {
    clearInterval(sampler);
    await pss.terminate();
    await store.close();
  }
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const inOrder = argv.includes('--in-order');
  const [repo, workspace, flag, list] = argv.filter((a) => a !== '--in-order');
  if (!repo || !workspace)
    throw new Error(
      'usage: scan-stages.ts <repo>[,<repo>...] <workspace> [--no-analyses | --analyses a,b] [--in-order]',
    );
  const analyses = flag === '--no-analyses' ? null : flag === '--analyses' ? (list ?? '').split(',') : [];
  process.stdout.write(
    `${JSON.stringify(await scanStages(repo.split(','), workspace, analyses, !inOrder))}\n`,
  );
}
