// `cto scan [paths...]`: scan repositories into the store and print a summary.
import { Command } from 'commander';
import type { Analysis } from '../analyses/types.ts';
import { CtoError } from '../errors.ts';
import { type BudgetSettings, DEFAULT_BUDGET_SETTINGS } from '../git/budget.ts';
import { runScan } from '../scan/run.ts';
import type { Plugins, RepoOutcome } from '../scan/scan.ts';
import { parseSize, type WorkspaceConfig } from '../workspace.ts';
import { globalOptions, parseIntOption, parseSecondsOption, withStore } from './context.ts';
import { day, err, formatNumber, jsonDocument, renderTable, shortSha } from './output.ts';
import { createProgress } from './progress.ts';

interface ScanFlags {
  rev?: string;
  depth?: number;
  jobs?: number;
  maxFileSize?: string;
  wait?: number;
  gitMemory?: string;
  gitTimeout?: string;
  gitOutput?: string;
  maxTreeEntries?: number;
  json?: boolean;
  /** false with --no-analyses; a comma-separated list with --analyses. */
  analyses?: boolean | string;
}

const STATUS_COLOR: Record<RepoOutcome['status'], (s: string) => string> = {
  ok: err.green,
  partial: err.yellow,
  unchanged: err.dim,
  skipped: err.yellow,
  failed: err.red,
};

export function scanCommand(): Command {
  return new Command('scan')
    .description('scan git repositories into the store (a repository, or folders holding repositories)')
    .argument('[paths...]', 'repositories or folders to search', ['.'])
    .option('--rev <revision>', 'commit, branch or tag to scan in each repository (default: HEAD)')
    .option('--depth <n>', 'folder levels searched below each path (default 4)', parseIntOption('--depth'))
    .option('--jobs <n>', 'repositories scanned at once (default 2)', parseIntOption('--jobs'))
    .option('--max-file-size <size>', 'files larger than this are recorded but not read (default 10MiB)')
    .option(
      '--wait <seconds>',
      'wait this long for another scan of the same repository to end, then skip it (default 0)',
      parseSecondsOption('--wait'),
    )
    .option('--git-memory <size>', 'memory (address space) of each git process (default 2GiB)')
    .option(
      '--git-timeout <seconds>',
      'time each git process may run (default auto: 600 + 2 per MiB of objects)',
    )
    .option('--git-output <size>', 'output of each git process (default auto: 4GiB or 16 × the objects)')
    .option(
      '--max-tree-entries <n>',
      'a tree with more entries is refused (default 1000000)',
      parseIntOption('--max-tree-entries'),
    )
    .option('--json', 'print the result as a JSON document (schema cto.scan/v1)')
    .option('--analyses <ids>', 'analyses to run, comma-separated (default: all; see docs/scan.md)')
    .option('--no-analyses', 'store facts only, without running analyses (for benchmarks and debugging)')
    .action(async (paths: string[], flags: ScanFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      process.exitCode = await withStore(opts, async (store, ws) => {
        const cfg = ws.config.scan ?? {};
        const progress = createProgress(!flags.json);
        const result = await runScan(store, {
          paths,
          rev: flags.rev,
          depth: flags.depth ?? cfg.depth ?? 4,
          jobs: flags.jobs ?? cfg.jobs ?? 2,
          maxFileSize: parseSize(flags.maxFileSize ?? cfg.maxFileSize ?? '10MiB'),
          collectors: [],
          analyses: [],
          loadPlugins: pluginLoader(await chooseAnalyses(flags.analyses, cfg.analyses)),
          workspace: { dir: ws.dir, config: ws.config },
          lockWaitMs: (flags.wait ?? 0) * 1000,
          onDiscovered: (n) => progress.total(n),
          budget: budgetSettings(flags, cfg),
          onStart: (r) => progress.start(r),
          onStage: (r, e) => progress.stage(r, e),
          onDone: (o, started) => progress.done(started, doneLine(o)),
        });
        progress.stop();
        for (const p of result.problems) process.stderr.write(`cto: ${p.error.message} [${p.error.code}]\n`);
        const failed =
          result.repositories.filter((r) => r.status === 'failed').length + result.problems.length;
        if (flags.json) {
          process.stdout.write(
            jsonDocument('cto.scan/v1', {
              store: { engine: store.engine, location: store.location },
              repositories: result.repositories,
              problems: result.problems.map((p) => ({
                path: p.path,
                code: p.error.code,
                message: p.error.message,
              })),
              summary: summary(result.repositories, result.problems.length),
            }),
          );
        } else if (result.repositories.length > 0) {
          process.stdout.write(`${summaryTable(result.repositories)}\n`);
        }
        if (result.repositories.length === 0) return 2;
        return failed > 0 ? 1 : 0;
      });
    });
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
  const n = parseSize(value);
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

function doneLine(o: RepoOutcome): string {
  const status = STATUS_COLOR[o.status](o.status);
  const what = o.error
    ? o.error.message
    : `${formatNumber(o.newCommits)} new commits, ${(o.durationMs / 1000).toFixed(1)}s`;
  return `${status.padEnd(9)} ${o.name}: ${what}`;
}

function summaryTable(outcomes: RepoOutcome[]): string {
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
  return renderTable(
    ['repository', 'commit', 'commits', 'authors', 'files', 'first commit', 'last commit', 'status'],
    rows,
  );
}

function summary(outcomes: RepoOutcome[], problems: number) {
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

/** Collectors and analyses are loaded once, and only when some repository has something new to read. */
function pluginLoader(analyses: readonly Analysis[] | undefined): () => Promise<Plugins> {
  let loading: Promise<Plugins> | undefined;
  return () => {
    loading ??= (async () => ({
      collectors: (await import('../collectors/registry.ts')).COLLECTORS,
      analyses: analyses ?? (await import('../analyses/registry.ts')).ANALYSES,
    }))();
    return loading;
  };
}
