// One `cto scan` of one repository into a fresh SQLite workspace, as the CLI runs it, printing when
// each stage ran (history, tree, collectors, each analysis, finish) as JSON on stdout. For benchmarks
// that need the time of each analysis, not only the total. The scan is timed by its own progress
// events (a stage runs from its first event to its `done` event; stages overlap), so a scan that is
// not measured pays nothing. 'start' is discover and plan (before the first event). Peak RSS of a
// stage: this process's resident size, and that of it and every git process it started together
// (from /proc), sampled every 50 ms while the stage ran. `--in-order` runs the stages one after the
// other, as before they overlapped.
//   node bench/scan-stages.ts <repo>[,<repo>...] <workspace> [--no-analyses | --analyses a,b] [--in-order]
import { readdirSync, readFileSync } from 'node:fs';
import { ANALYSES, selectAnalyses } from '../src/analyses/registry.ts';
import { COLLECTORS } from '../src/collectors/registry.ts';
import { DEFAULT_BUDGET_SETTINGS } from '../src/git/budget.ts';
import { givenPlugins } from '../src/scan/plugins.ts';
import { runScan } from '../src/scan/run.ts';
import type { StageEvent } from '../src/scan/stages.ts';
import { openStore } from '../src/store/store.ts';
import { loadWorkspace, storeTarget } from '../src/workspace.ts';

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
  /** The same over the whole scan. */
  peakRssAllMb: number;
  peakTreeRssAllMb: number;
  total: number;
  status: string;
}

function stageName(e: StageEvent): string | null {
  if (e.stage === 'done') return null;
  return e.stage === 'analysis' ? `analysis:${e.id}` : e.stage;
}

/** Resident bytes of a process, from /proc (0 when it has ended). */
function rssOf(pid: number | 'self'): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Children of a process (every thread's), from /proc. */
function childrenOf(pid: number | 'self'): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) for (const c of text.split(' ')) out.push(Number(c));
    }
  } catch {
    // ended while we looked
  }
  return out;
}

/** Resident bytes of this process and all its descendants. */
function treeRss(): number {
  let total = rssOf('self');
  const queue = childrenOf('self');
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    total += rssOf(pid);
    queue.push(...childrenOf(pid));
  }
  return total;
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
  let peakAll = 0;
  let peakTreeAll = 0;
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
      peakRssAllMb: Math.round(peakAll / MB),
      peakTreeRssAllMb: Math.round(peakTreeAll / MB),
      total: now(),
      status,
    };
  } finally {
    clearInterval(sampler);
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
