// The top hotspots of many files: the exclusion globs are tested only on the files that would make the
// list, and the list is the one filtering, sorting and taking the first would give.
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { freshStoreTarget } from '../../../test/helpers/stores.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import { openStore } from '../../store/store.ts';
import { languagesAnalysis } from '../languages/analysis.ts';
import { hotspotsAnalysis, TOP_METRICS } from './analysis.ts';
import { firstKept } from './best.ts';
import { isExcluded } from './exclude.ts';

vi.mock('./exclude.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./exclude.ts')>();
  return { ...original, isExcluded: vi.fn(original.isExcluded) };
});

afterAll(cleanupTemp);

describe('firstKept', () => {
  it('gives the first k kept items in order, as filter, sort and slice do', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 50 })), fc.nat(12), (items, k) => {
        const compare = (a: number, b: number) => b - a;
        const keep = (n: number) => n % 3 !== 0;
        expect(firstKept(items, k, compare, keep)).toEqual(items.filter(keep).sort(compare).slice(0, k));
      }),
    );
  });
});

describe('hotspots analysis', () => {
  it('tests the exclusion globs on far fewer files than it ranks', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) {
      const lines = 1 + ((i * 7919) % 97); // sizes in no order
      files[`src/m${i % 10}/f${i}.ts`] = 'x();\n'.repeat(lines);
    }
    files['test/big.test.ts'] = 'x();\n'.repeat(500); // the biggest file, excluded as a test
    const dir = buildRepo(tempDir(), [{ files }]);
    const store = await openStore(freshStoreTarget('sqlite'));
    vi.mocked(isExcluded).mockClear();
    const r = await runScan(store, {
      paths: [dir],
      depth: 1,
      jobs: 1,
      maxFileSize: 1 << 20,
      plugins: givenPlugins({ analyses: [languagesAnalysis, hotspotsAnalysis] }),
      workspace: { dir: tempDir(), config: {} },
    });
    expect(r.repositories[0]?.status).toBe('ok');
    expect(vi.mocked(isExcluded).mock.calls.length).toBeLessThan(300); // every file: 1,001
    const top = await store.db
      .selectFrom('metrics')
      .select(['subject', 'value'])
      .where('metric', '=', 'hotspot-score')
      .execute();
    // What ranking every file gives: the stored rows filtered, sorted and cut.
    const rows = await store.db.selectFrom('hotspots').select(['path', 'score']).execute();
    const expected = rows
      .filter((h) => h.score > 0 && !h.path.startsWith('test/'))
      .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
      .slice(0, TOP_METRICS)
      .map((h) => ({ subject: h.path, value: h.score }));
    expect(top).toHaveLength(TOP_METRICS);
    expect(
      top.sort((a, b) => Number(b.value) - Number(a.value) || a.subject.localeCompare(b.subject)),
    ).toEqual(expected);
    expect(rows.find((h) => h.path === 'test/big.test.ts')?.score).toBe(500);
    await store.close();
  });
});
