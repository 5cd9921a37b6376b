// Analyses run as a graph: beside each other, each once its facts and the analyses it comes after are
// done, their results stored in registry order; loads they share are made once and dropped after
// their last declared reader.
import { describe, expect, it } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import type { AnalysisContext } from '../analyses/types.ts';
import type { TableName } from '../store/bulk-insert.ts';
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
    const diagnostics = await runAnalyses(analyses, FACTS, { atOnce: 1 });
    expect(diagnostics).toEqual([]);
    // a and b share one load; c, declaring nothing, comes after the last declared reader: loaded again.
    expect(seen).toEqual([1, 1, 2]);
  });

  it('runs analyses beside each other, each once its facts are ready, and stores in registry order', async () => {
    const inserted: string[] = [];
    const store = {
      insertMany: async (_table: TableName, rows: readonly { analysis?: string; metric?: string }[]) => {
        for (const r of rows) if (r.metric) inserted.push(r.metric);
      },
      db: undefined,
    } as unknown as Store;
    const started: string[] = [];
    let releaseSlow: () => void = () => {};
    const slowGate = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    let factsStored: () => void = () => {};
    const facts = new Promise<void>((resolve) => {
      factsStored = resolve;
    });
    const metric = (name: string) => ({
      metric: name,
      scope: 'repository' as const,
      subject: '',
      value: 1,
      unit: 'count',
      evidence: { sql: 'select 1' },
    });
    const analysis = (id: string, wait: Promise<void> | null, declared = {}) =>
      fakeAnalysis(
        id,
        async () => {
          started.push(id);
          if (wait) await wait;
          return { metrics: [metric(id)], findings: [] };
        },
        declared,
      );
    const analyses = [
      analysis('slow', slowGate, { needs: [] }), // first in the registry, last to finish
      analysis('reads-facts', null, { needs: ['history'] }),
      analysis('fast', null, { needs: [] }),
      analysis('after-fast', null, { needs: [], after: ['fast'] }),
    ];
    const running = runAnalyses(
      analyses,
      { ...FACTS, store },
      {
        atOnce: 2,
        factsReady: (a) => ((a.needs ?? ['history']).length > 0 ? facts : Promise.resolve()),
      },
    );
    await new Promise((r) => setTimeout(r, 20));
    // 'slow' holds one slot and 'fast' ran in the other; 'reads-facts' waits for its facts, and
    // 'after-fast' for the results of 'fast', stored only after those of 'slow' (registry order).
    expect(started).toEqual(['slow', 'fast']);
    factsStored();
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual(['slow', 'fast', 'reads-facts']);
    expect(inserted).toEqual([]); // nothing stored before 'slow', first in the list
    releaseSlow();
    expect(await running).toEqual([]);
    expect(started).toEqual(['slow', 'fast', 'reads-facts', 'after-fast']);
    expect(inserted).toEqual(['slow', 'reads-facts', 'fast', 'after-fast']);
  });
});
