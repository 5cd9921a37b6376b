// A whole scan: discover the repositories (stage 1), then run the pipeline on each, a few at a time.
import { sweepTempFoldersOnce } from '../git/temp-folder.ts';
import type { Store } from '../store/store.ts';
import { type DiscoveryProblem, discoverRepositories } from './discover.ts';
import { type RepoOutcome, type ScanOptions, scanRepository } from './scan.ts';
import { unchangedOutcomes } from './unchanged.ts';

interface RunOptions extends ScanOptions {
  paths: readonly string[];
  depth: number;
  jobs: number;
  onStart?: (repo: string) => void;
  /** How many repositories were found, before the first is scanned. */
  onDiscovered?: (count: number) => void;
  /** `started` is the name given to `onStart` (the stored name, `outcome.name`, may differ). */
  onDone?: (outcome: RepoOutcome, started: string) => void;
}

interface RunResult {
  repositories: RepoOutcome[];
  problems: DiscoveryProblem[];
}

export async function runScan(store: Store, options: RunOptions): Promise<RunResult> {
  // What a killed scan left in the temporary folder goes first, even if nothing here writes there.
  sweepTempFoldersOnce();
  const { repositories, problems } = await discoverRepositories(options.paths, { maxDepth: options.depth });
  options.onDiscovered?.(repositories.length);
  const outcomes: RepoOutcome[] = new Array(repositories.length);
  // Every unchanged repository at once (one batch of queries, no git process); the others are scanned.
  const started = Date.now();
  const unchanged = await unchangedOutcomes(store, repositories, options).catch(() => null);
  const share = Math.round((Date.now() - started) / Math.max(1, repositories.length));
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      const found = repositories[i];
      if (!found) return;
      options.onStart?.(found.name);
      const quick = unchanged?.get(found);
      const outcome = quick
        ? { ...quick, durationMs: share }
        : await scanRepository(store, found, options, unchanged !== null);
      outcomes[i] = outcome;
      options.onDone?.(outcome, found.name);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, repositories.length)) }, worker));
  return { repositories: outcomes, problems };
}
