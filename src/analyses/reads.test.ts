// An analysis reads exactly the cto.yaml sections it declares in `reads` (`config:<section>`), so that
// a change to any other section can never need it to run again.
import { afterAll, expect, test } from 'vitest';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { freshStoreTarget } from '../../test/helpers/stores.ts';
import { COLLECTORS } from '../collectors/registry.ts';
import { givenPlugins } from '../scan/plugins.ts';
import { runScan } from '../scan/run.ts';
import { openStore } from '../store/store.ts';
import { ANALYSES } from './registry.ts';
import type { Analysis } from './types.ts';

afterAll(cleanupTemp);

test('every analysis reads exactly the cto.yaml sections it declares', async () => {
  const dir = buildRepo(tempDir(), [
    {
      author: ADA,
      files: { 'package.json': '{"name":"x","dependencies":{"a":"1.0.0"}}', 'src/a.ts': 'a\n' },
    },
    { author: BOB, files: { 'src/a.ts': 'a\nb\n' } },
  ]);
  const read = new Map<string, Set<string>>();
  // Each analysis gets its own watched view of the configuration: analyses run beside each other, so
  // a read is counted for the analysis whose context it came through, never for whichever runs now.
  const watch = (id: string, config: Record<string, unknown>) =>
    new Proxy(config, {
      get(target, key, receiver) {
        if (typeof key === 'string') read.get(id)?.add(key);
        return Reflect.get(target, key, receiver);
      },
    });
  const config = { licences: { deny: ['GPL-3.0-only'] }, delivery: {}, hotspots: {}, people: {}, scan: {} };
  const watched: Analysis[] = ANALYSES.map((a) => ({
    ...a,
    run: async (ctx) => {
      read.set(a.id, new Set());
      return a.run({ ...ctx, config: watch(a.id, ctx.config) });
    },
  }));
  const store = await openStore(freshStoreTarget('sqlite'));
  const r = await runScan(store, {
    paths: [dir],
    depth: 1,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ collectors: COLLECTORS, analyses: watched }),
    workspace: { dir: tempDir(), config },
  });
  await store.close();
  expect(r.repositories[0]?.diagnostics.filter((d) => d.code === 'analysis-failed')).toEqual([]);
  expect([...read.keys()].sort()).toEqual(ANALYSES.map((a) => a.id).sort());
  for (const a of ANALYSES) {
    const declared = a.reads.filter((i) => i.startsWith('config:')).map((i) => i.slice('config:'.length));
    expect([...(read.get(a.id) ?? [])].sort(), a.id).toEqual(declared.sort());
  }
});
