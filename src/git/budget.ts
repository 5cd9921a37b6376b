// Budgets for git processes (DESIGN.md rule 2): every git process runs under a memory, time and
// output bound, and the tree it lists under an entry bound. A scan sets the budget of each
// repository once (`withGitBudget`); every git call made while that repository is scanned, by a
// stage or an analysis, gets it without passing it along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CtoError } from '../errors.ts';

export interface GitBudget {
  /** Address space of each git process, in bytes (it bounds the resident memory too). */
  memoryBytes: number;
  /** Wall-clock time of each git process, in milliseconds. */
  timeMs: number;
  /** Bytes a git process may write to its standard output. */
  outputBytes: number;
  /** Entries a listed tree may hold; a larger tree is refused without reading the rest. */
  treeEntries: number;
}

/** What `cto.yaml` and the flags give; `auto` values are scaled to the repository's size. */
export interface BudgetSettings {
  memoryBytes: number;
  /** Seconds, or `auto`: 10 minutes plus 2 seconds per MiB of the repository's objects. */
  timeoutSeconds: number | 'auto';
  /** Bytes, or `auto`: 4 GiB or 16 times the repository's objects, whichever is larger. */
  outputBytes: number | 'auto';
  treeEntries: number;
}

export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;

export const DEFAULT_BUDGET_SETTINGS: BudgetSettings = {
  memoryBytes: 2 * GiB,
  timeoutSeconds: 'auto',
  outputBytes: 'auto',
  treeEntries: 1_000_000,
};

/** The budget of a repository whose objects take `repositoryBytes` on disk. */
export function budgetFor(settings: BudgetSettings, repositoryBytes: number): GitBudget {
  const mib = Math.max(0, repositoryBytes) / MiB;
  return {
    memoryBytes: settings.memoryBytes,
    timeMs:
      settings.timeoutSeconds === 'auto'
        ? Math.round((600 + 2 * mib) * 1000)
        : settings.timeoutSeconds * 1000,
    outputBytes:
      settings.outputBytes === 'auto'
        ? Math.max(4 * GiB, 16 * Math.max(0, repositoryBytes))
        : settings.outputBytes,
    treeEntries: settings.treeEntries,
  };
}

/** Outside a scan (and for the calls that size a repository): the defaults for a small repository. */
const DEFAULT_GIT_BUDGET: GitBudget = budgetFor(DEFAULT_BUDGET_SETTINGS, 0);

const scope = new AsyncLocalStorage<GitBudget>();

/** Run `work` with `budget` applying to every git process it starts, directly or not. */
export function withGitBudget<T>(budget: GitBudget, work: () => Promise<T>): Promise<T> {
  return scope.run(budget, work);
}

export function currentGitBudget(): GitBudget {
  return scope.getStore() ?? DEFAULT_GIT_BUDGET;
}

export type BudgetBound = 'memory' | 'time' | 'output' | 'tree';

const SETTING: Record<BudgetBound, string> = {
  memory: 'scan.gitMemory, --git-memory',
  time: 'scan.gitTimeout, --git-timeout',
  output: 'scan.gitOutput, --git-output',
  tree: 'scan.maxTreeEntries, --max-tree-entries',
};

/** A git process stopped at a bound, or a tree refused: the message names the command and the bound. */
export function budgetExceeded(command: string, bound: BudgetBound, budget: GitBudget): CtoError {
  const text =
    bound === 'tree'
      ? `the tree has more than ${budget.treeEntries.toLocaleString('en-US')} entries; it was not read`
      : `git ${command} exceeded the ${describeBound(bound, budget)} ${bound} budget and was stopped`;
  return new CtoError(
    bound === 'tree' ? 'TREE_TOO_LARGE' : 'GIT_BUDGET_EXCEEDED',
    `${text} (${SETTING[bound]})`,
  );
}

function describeBound(bound: BudgetBound, budget: GitBudget): string {
  if (bound === 'time') return formatDuration(budget.timeMs);
  return formatBytes(bound === 'memory' ? budget.memoryBytes : budget.outputBytes);
}

function formatBytes(n: number): string {
  for (const [unit, size] of [
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', 1024],
  ] as const) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  }
  return `${n} bytes`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}
