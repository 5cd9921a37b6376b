// Loads the analyses of one snapshot share: made once, and dropped after their last declared reader.
import { describe, expect, it } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import type { AnalysisContext } from '../analyses/types.ts';
import type { Store } from '../store/store.ts';
import { runAnalyses } from './analyse.ts';

const FACTS: Omit<AnalysisContext, 'shared'> = {
  // The analyses here return nothing to store.
  store: { insertMany: async () => {} } as unknown as Store,
  snapshotId: 1,
  repositoryId: 1,
  repositoryName: 'r',
  gitDir: '/nowhere',
  commit: 'c',
  segments: [1],
  previousSnapshotId: null,
  config: {},
  workspaceDir: '/nowhere',
  referenceDay: '2024-06-10',
  referenceTs: 1_718_063_999,
};

describe('runAnalyses', () => {
  it('loads a shared value once for its readers and drops it after the last one that declares it', async () => {
    let loads = 0;
    const read = (ctx: AnalysisContext) => ctx.shared('changes', async () => ++loads);
    const seen: number[] = [];
    const reader = (id: string, declared: boolean) =>
      fakeAnalysis(
        id,
        async (ctx) => {
          seen.push(await read(ctx));
          return { metrics: [], findings: [] };
        },
        declared ? { shares: ['changes'] } : {},
      );
    const analyses = [reader('a', true), reader('b', true), reader('c', false)];
    const diagnostics = await runAnalyses(analyses, FACTS);
    expect(diagnostics).toEqual([]);
    // a and b share one load; c, declaring nothing, comes after the last declared reader: loaded again.
    expect(seen).toEqual([1, 1, 2]);
  });
});
