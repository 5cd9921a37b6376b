// A whole scan: discover the repositories, then run the pipeline on each, a few at a time.
import type { Analysis } from '../analyses/types.ts';
import type { FileCollector } from '../collectors/types.ts';
import type { BudgetSettings } from '../git/budget.ts';
import type { Store } from '../store/store.ts';
import { type DiscoveryProblem, discoverRepositories } from './discover.ts';
import { type Plugins, type RepoOutcome, scanRepository } from './scan.ts';
import type { StageEvent } from './stages.ts';

export interface RunOptions {
  paths: readonly string[];
  depth: number;
  jobs: number;
  rev?: string;
  maxFileSize: number;
  collectors: readonly FileCollector[];
  analyses: readonly Analysis[];
  loadPlugins?: () => Promise<Plugins>;
  workspace: { dir: string; config: Record<string, unknown> };
  /** How long to wait for another scan of the same repository before skipping it (default 0). */
  lockWaitMs?: number;
  onStart?: (repo: string) => void;
  /** How many repositories were found, before the first is scanned. */
  onDiscovered?: (count: number) => void;
  onStage?: (repo: string, event: StageEvent) => void;
  /** `started` is the name given to `onStart` (the stored name, `outcome.name`, may differ). */
  onDone?: (outcome: RepoOutcome, started: string) => void;
  /** Bounds of every git process and of the tree (default: DEFAULT_BUDGET_SETTINGS). */
  budget?: BudgetSettings;
}

export interface RunResult {
  repositories: RepoOutcome[];
  problems: DiscoveryProblem[];
}

export async function runScan(store: Store, options: RunOptions): Promise<RunResult> {
  const { repositories, problems } = await discoverRepositories(options.paths, { maxDepth: options.depth });
  options.onDiscovered?.(repositories.length);
  const outcomes: RepoOutcome[] = new Array(repositories.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      const found = repositories[i];
      if (!found) return;
      options.onStart?.(found.name);
      const outcome = await scanRepository(store, found, {
        rev: options.rev,
        maxFileSize: options.maxFileSize,
        collectors: options.collectors,
        analyses: options.analyses,
        loadPlugins: options.loadPlugins,
        workspace: options.workspace,
        lockWaitMs: options.lockWaitMs,
        onStage: options.onStage,
        budget: options.budget,
      });
      outcomes[i] = outcome;
      options.onDone?.(outcome, found.name);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, repositories.length)) }, worker));
  return { repositories: outcomes, problems };
}
