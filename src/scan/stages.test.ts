// The pipeline reports each stage of a repository's scan with counts, and the end of each stage that
// runs beside others.
import { afterAll, expect, test } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { freshStoreTarget } from '../../test/helpers/stores.ts';
import { COLLECTORS } from '../collectors/registry.ts';
import { openStore } from '../store/store.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';
import type { StageEvent } from './stages.ts';

afterAll(() => cleanupTemp());

const noop = (id: string) => fakeAnalysis(id, async () => ({ metrics: [], findings: [] }));

test('history, tree, collectors, each analysis and finish are reported with counts', async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'shop', dependencies: { pg: '^8.0.0' } }),
    Dockerfile: 'FROM node:20\n',
  };
  for (let i = 0; i < 150; i++) files[`src/f${i}.ts`] = `export const x${i} = ${i};\n`;
  const dir = buildRepo(tempDir(), [
    { author: ADA, files },
    { author: ADA, files: { 'src/f0.ts': 'changed\n' } },
  ]);
  const store = await openStore(freshStoreTarget('sqlite'));
  const events: Array<[string, StageEvent]> = [];
  let discovered = -1;
  await runScan(store, {
    paths: [dir],
    depth: 1,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ collectors: COLLECTORS, analyses: [noop('first'), noop('second')] }),
    workspace: { dir: '.', config: {} },
    onDiscovered: (n) => {
      discovered = n;
    },
    onStage: (repo, e) => events.push([repo, e]),
  });
  expect(discovered).toBe(1);
  const stages = events.map(([, e]) =>
    e.stage === 'analysis' ? `analysis ${e.id}` : e.stage === 'done' ? `done ${e.name}` : e.stage,
  );
  // History and tree start together (either may speak first); the rest follow what they need.
  const seen = [...new Set(stages)];
  expect(new Set(seen.slice(0, 2))).toEqual(new Set(['history', 'tree']));
  const at = (s: string) => seen.indexOf(s);
  expect(at('collectors')).toBeGreaterThan(at('tree'));
  expect(at('done collectors')).toBeGreaterThan(at('collectors'));
  for (const a of ['first', 'second']) {
    expect(at(`analysis ${a}`)).toBeGreaterThan(Math.max(at('done history'), at('done collectors')));
    expect(at(`done analysis:${a}`)).toBeGreaterThan(at(`analysis ${a}`));
  }
  expect(seen.at(-1)).toBe('finish');
  const last = <S extends StageEvent['stage']>(s: S) =>
    events
      .map(([, e]) => e)
      .filter((e): e is Extract<StageEvent, { stage: S }> => e.stage === s)
      .at(-1);
  expect(last('history')).toEqual({ stage: 'history', commits: 2 });
  expect(last('tree')).toEqual({ stage: 'tree', read: 152, total: 152 });
  expect(last('collectors')?.total).toBeGreaterThanOrEqual(2);
  expect(last('analysis')).toEqual({ stage: 'analysis', id: 'second', index: 2, total: 2 });
  await store.close();
});
