// `cto scan [paths...]`: scan repositories into the store and print a summary.
import { join } from 'node:path';
import { Command } from 'commander';
import type { Analysis } from '../analyses/types.ts';
import { CtoError, isCtoError } from '../errors.ts';
import { scannablePaths } from '../fleet/sync.ts';
import { type BudgetSettings, DEFAULT_BUDGET_SETTINGS } from '../git/budget.ts';
import { withLenientOffice } from '../office/lenient.ts';
import { type HistorySpec, parseHistorySpec } from '../scan/periods.ts';
import { registryPlugins } from '../scan/plugins.ts';
import { runScan } from '../scan/run.ts';
import type { RepoOutcome, ScanOptions } from '../scan/scan.ts';
import type { Store } from '../store/store.ts';
import { parseSize, type Workspace, type WorkspaceConfig } from '../workspace.ts';
import {
  globalOptions,
  parseIntOption,
  parseSecondsOption,
  parseSizeOption,
  withWritableStore,
} from './context.ts';
import {
  day,
  formatNumber,
  printError,
  printJson,
  printLine,
  printTable,
  render,
  type Style,
  shortSha,
  styled,
  textColumn,
} from './output.ts';
import { createProgress } from './progress.ts';
import { todayOption } from './reference.ts';

export interface ScanFlags {
  rev?: string;
  /** Enqueue one job per repository for `cto worker` instead of scanning (PostgreSQL). */
  queue?: boolean;
  priority?: number;
  lease?: number;
  depth?: number;
  jobs?: number;
  maxFileSize?: number;
  /** Seconds to wait for a repository's lock; with --queue, for the jobs (true: until done). */
  wait?: number | true;
  gitMemory?: string;
  gitTimeout?: string;
  gitOutput?: string;
  maxTreeEntries?: number;
  json?: boolean;
  /** false with --no-analyses; a comma-separated list with --analyses. */
  analyses?: boolean | string;
  history?: HistorySpec;
  today?: string;
  all?: boolean;
}

const STATUS_STYLE: Record<RepoOutcome['status'], Style> = {
  ok: 'green',
  partial: 'yellow',
  unchanged: 'dim',
  skipped: 'yellow',
  failed: 'red',
};

/** An option value checked as it is read (by the same rule as cto.yaml's), kept as written. */
const checked =
  (check: (value: string) => unknown) =>
  (value: string): string => {
    check(value);
    return value;
  };

export function scanCommand(): Command {
  return new Command('scan')
    .description('scan git repositories into the store (a repository, or folders holding repositories)')
    .argument('[paths...]', 'repositories or folders to search', ['.'])
    .option('--rev <revision>', 'commit, branch or tag to scan in each repository (default: HEAD)')
    .option(
      '--depth <n>',
      'folder levels searched below each path, 1 to 64 (default 4)',
      parseIntOption('--depth', 1, 64),
    )
    .option(
      '--jobs <n>',
      'repositories scanned at once, 1 to 64 (default 2)',
      parseIntOption('--jobs', 1, 64),
    )
    .option(
      '--max-file-size <size>',
      'files larger than this are recorded but not read (default 10MiB)',
      parseSizeOption('--max-file-size'),
    )
    .option(
      '--wait [seconds]',
      'wait this long for another scan of the same repository to end, then skip it (default 0); with --queue: wait until the jobs are done (at most this long) and print their summary',
      parseSecondsOption('--wait'),
    )
    .option(
      '--git-memory <size>',
      'memory (address space) of each git process (default 2GiB)',
      checked((v) => positiveSize('--git-memory', v)),
    )
    .option(
      '--git-timeout <seconds>',
      'time each git process may run (default auto: 600 + 2 per MiB of objects)',
      checked((v) => v === 'auto' || positiveNumber('--git-timeout', v)),
    )
    .option(
      '--git-output <size>',
      'output of each git process (default auto: 4GiB or 16 × the objects)',
      checked((v) => v === 'auto' || positiveSize('--git-output', v)),
    )
    .option(
      '--max-tree-entries <n>',
      'a tree with more entries is refused (default 1000000)',
      parseIntOption('--max-tree-entries'),
    )
    .option(
      '--history <n><q|m|w>',
      'also write historical snapshots at the last commit before each of the last n quarter, month or week ends (8q, 12m, 52w)',
      parseHistorySpec,
    )
    .addOption(
      todayOption('--history and every window (last 90 and 365 days, active, departed) count back from'),
    )
    .option(
      '--all',
      'also scan every repository sources.yaml lists (mirrors after `cto sources sync`, local folders)',
    )
    .option('--json', 'print the result as a JSON document (schema cto.scan/v1)')
    .option(
      '--queue',
      'enqueue one job per repository for `cto worker` instead of scanning; unchanged repositories get none (PostgreSQL store; see docs/queue.md)',
    )
    .option(
      '--priority <n>',
      'with --queue: jobs of higher priority run first, 0 to 100 (default 0; a rescan after a push: 10)',
      parseIntOption('--priority', 0, 100),
    )
    .option(
      '--lease <seconds>',
      'with --queue: a worker silent this long loses the job to another, 10 to 3600 (default 60)',
      parseIntOption('--lease', 10, 3600),
    )
    .option('--analyses <ids>', 'analyses to run, comma-separated (default: all; see docs/scan.md)')
    .option('--no-analyses', 'store facts only, without running analyses (for benchmarks and debugging)')
    .action(async (paths: string[], flags: ScanFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      const asked = await analysesFromFlag(flags.analyses);
      if (flags.wait === true && !flags.queue)
        throw new CtoError('USAGE', '--wait takes a number of seconds (0 or more) unless with --queue');
      if (flags.queue) {
        const { enqueueCommand } = await import('./scan-queue.ts');
        process.exitCode = await enqueueCommand(paths, cmd.args.length > 0, flags, opts);
        return;
      }
      process.exitCode = await withLenientOffice(reportOfficeProblem, () =>
        withWritableStore(opts, async (store, ws) => {
          const cfg = ws.config.scan ?? {};
          if (flags.all) paths = await withKnownRepositories(store, cmd.args.length > 0 ? paths : []);
          const progress = createProgress(!flags.json);
          const result = await runScan(store, {
            paths,
            depth: flags.depth ?? cfg.depth ?? 4,
            jobs: flags.jobs ?? cfg.jobs ?? 2,
            ...(await scanSettings(flags, ws, asked)),
            onDiscovered: (n) => progress.total(n),
            onStart: (r) => progress.start(r),
            onStage: (r, e) => progress.stage(r, e),
            onDone: (o, started) => progress.done(started, doneLine(o)),
          });
          progress.stop();
          for (const p of result.problems) printError(`cto: ${p.error.message} [${p.error.code}]`);
          const failed =
            result.repositories.filter((r) => r.status === 'failed').length + result.problems.length;
          if (flags.json) {
            printJson('cto.scan/v1', {
              store: { engine: store.engine, location: store.location },
              repositories: result.repositories,
              problems: result.problems.map((p) => ({
                path: p.path,
                code: p.error.code,
                message: p.error.message,
              })),
              summary: summary(result.repositories, result.problems.length),
            });
          } else if (result.repositories.length > 0) {
            printSummary(result.repositories);
            if (flags.history) printHistorySummary(result.repositories);
          }
          if (result.repositories.length === 0) return 2;
          return failed > 0 ? 1 : 0;
        }),
      );
    });
}

/** A bad office file does not stop a scan: said once, with its file and line, and the scan goes on without it. */
function reportOfficeProblem(message: string): void {
  printError(`cto: ${message} [CONFIG_INVALID]; this scan goes on as if the file were absent`);
}

/** The paths given, plus every repository the sources list (docs/fleet.md); an error when there are none. */
export async function withKnownRepositories(store: Store, given: string[]): Promise<string[]> {
  const { paths, notFetched } = await scannablePaths(store);
  if (notFetched.length > 0) {
    printError(
      `cto: ${notFetched.length} listed repositories have no mirror yet (run \`cto sources sync\`): ${notFetched.slice(0, 5).join(', ')}${notFetched.length > 5 ? ', ...' : ''}`,
    );
  }
  if (paths.length === 0 && given.length === 0) {
    throw new CtoError(
      'NO_REPOSITORIES',
      'no repository is known from sources.yaml: run `cto sources sync` first (docs/fleet.md)',
    );
  }
  return [...given, ...paths];
}

/**
 * What a scan of one repository is told, from the flags, then `scan:` in cto.yaml, then the defaults:
 * the same for `cto scan` and for the jobs `cto worker` runs.
 */
export async function scanSettings(
  flags: ScanFlags,
  ws: Workspace,
  asked?: readonly Analysis[],
): Promise<ScanOptions> {
  const cfg = ws.config.scan ?? {};
  return {
    rev: flags.rev,
    maxFileSize: parseSize(flags.maxFileSize ?? cfg.maxFileSize ?? '10MiB'),
    plugins: registryPlugins(
      asked ?? (await chooseAnalyses(flags.analyses, cfg.analyses)),
      join(ws.dir, '.cto', 'plugins.json'),
    ),
    workspace: { dir: ws.dir, config: ws.config },
    lockWaitMs: (typeof flags.wait === 'number' ? flags.wait : 0) * 1000,
    history: flags.history,
    today: flags.today,
    budget: budgetSettings(flags, cfg),
  };
}

/** Flags first, then `scan:` in cto.yaml, then the defaults (docs/scan.md, Budgets). */
function budgetSettings(flags: ScanFlags, cfg: NonNullable<WorkspaceConfig['scan']>): BudgetSettings {
  const d = DEFAULT_BUDGET_SETTINGS;
  const timeout = flags.gitTimeout ?? cfg.gitTimeout ?? d.timeoutSeconds;
  const output = flags.gitOutput ?? cfg.gitOutput ?? d.outputBytes;
  return {
    memoryBytes: positiveSize('--git-memory', flags.gitMemory ?? cfg.gitMemory ?? d.memoryBytes),
    timeoutSeconds: timeout === 'auto' ? 'auto' : positiveNumber('--git-timeout', timeout),
    outputBytes: output === 'auto' ? 'auto' : positiveSize('--git-output', output),
    treeEntries: flags.maxTreeEntries ?? cfg.maxTreeEntries ?? d.treeEntries,
  };
}

function positiveSize(name: string, value: string | number): number {
  let n = Number.NaN;
  try {
    n = parseSize(value);
  } catch {
    // Not a size: the line below names the option.
  }
  if (!(n > 0))
    throw new CtoError('USAGE', `${name} takes a size above zero (examples: 2GiB, 512MiB), not "${value}"`);
  return n;
}

function positiveNumber(name: string, value: string | number): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n))
    throw new CtoError('USAGE', `${name} takes a number of seconds above zero or auto, not "${value}"`);
  return n;
}

/** The line a finished repository leaves on stderr, made safe for the terminal. */
function doneLine(o: RepoOutcome): string {
  const what = o.error
    ? o.error.message
    : `${formatNumber(o.newCommits)} new commits, ${(o.durationMs / 1000).toFixed(1)}s`;
  return render(process.stderr, [
    styled(STATUS_STYLE[o.status], o.status),
    ' '.repeat(Math.max(1, 10 - o.status.length)),
    `${o.name}: ${what}`,
  ]);
}

export function printSummary(outcomes: RepoOutcome[]): void {
  const rows = outcomes.map((o) => [
    o.name,
    shortSha(o.commit),
    o.commits,
    o.authors,
    o.files,
    day(o.firstCommitAt),
    day(o.lastCommitAt),
    o.error
      ? `${o.status}: ${o.error.message}`
      : o.status + (o.diagnostics.length ? ` (${o.diagnostics.length} diagnostics)` : ''),
  ]);
  printTable(
    [
      'repository',
      'commit',
      'commits',
      'authors',
      'files',
      'first commit',
      'last commit',
      textColumn('status'),
    ],
    rows,
  );
}

/** One line for the historical snapshots: how many were written, already stored, failed. */
function printHistorySummary(outcomes: RepoOutcome[]): void {
  const points = outcomes.flatMap((o) => o.history);
  const count = (s: string) => points.filter((p) => p.status === s).length;
  const dates = [...new Set(points.map((p) => p.asOf))].sort();
  printLine(
    `history: ${formatNumber(count('written'))} historical snapshots written, ${formatNumber(count('stored'))} already stored`,
    count('failed') > 0 ? styled('red', `, ${formatNumber(count('failed'))} failed`) : '',
    count('no-commit') > 0 ? `, ${formatNumber(count('no-commit'))} dates before a first commit` : '',
    dates.length > 0 ? ` (${dates[0]} to ${dates.at(-1)})` : '',
  );
  for (const o of outcomes)
    for (const p of o.history)
      if (p.status === 'failed') printError(`cto: ${o.name} as of ${p.asOf}: ${p.error ?? 'failed'}`);
}

export function summary(outcomes: RepoOutcome[], problems: number) {
  const count = (s: RepoOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return {
    repositories: outcomes.length,
    ok: count('ok'),
    partial: count('partial'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
    failed: count('failed') + problems,
  };
}

/** The analyses named by `--analyses`, checked before anything is opened; undefined when not given. */
async function analysesFromFlag(
  flag: boolean | string | undefined,
): Promise<readonly Analysis[] | undefined> {
  if (typeof flag !== 'string') return undefined;
  try {
    return await chooseAnalyses(flag, undefined);
  } catch (e) {
    if (isCtoError(e) && e.code === 'USAGE') throw new CtoError('USAGE', `--analyses: ${e.message}`);
    throw e;
  }
}

/**
 * The analyses chosen on the command line or in cto.yaml, checked now (a typo is a usage error before
 * anything is scanned); undefined for the default, all of them, loaded only when needed.
 */
async function chooseAnalyses(
  flag: boolean | string | undefined,
  configured: string[] | undefined,
): Promise<readonly Analysis[] | undefined> {
  if (flag === false) return [];
  if (typeof flag !== 'string' && !configured) return undefined;
  const { selectAnalyses } = await import('../analyses/registry.ts');
  return selectAnalyses(typeof flag === 'string' ? flag.split(',').filter(Boolean) : (configured ?? []));
}
