// A tree of more files than a function call takes arguments (about 125,000 here): every per-file
// list of the pipeline grows by appending, never by spreading it into one call.
import { afterAll, describe, expect, test } from 'vitest';
import { buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { freshStoreTarget } from '../../test/helpers/stores.ts';
import { ownershipAnalysis } from '../analyses/ownership/analysis.ts';
import { openStore } from '../store/store.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';

afterAll(cleanupTemp);

const FILES = 150_000;

function bigRepo(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) files[`d${i % 100}/f${i}.txt`] = 'x\n';
  return buildRepo(tempDir(), [{ files }], { bare: true });
}

// Big on purpose; the allowance is for a loaded machine, not a speed goal.
describe('a tree of 150,000 files', { timeout: 240_000 }, () => {
  const repo = bigRepo();

  test('gives a diagnostic for each file over the size cap', async () => {
    const store = await openStore(freshStoreTarget('sqlite'));
    const r = await runScan(store, {
      paths: [repo],
      depth: 1,
      jobs: 1,
      maxFileSize: 1, // every file (2 bytes) is over it
      plugins: givenPlugins({}),
      workspace: { dir: tempDir(), config: {} },
    });
    expect(r.repositories[0]?.error).toBeNull();
    expect(r.repositories[0]?.diagnostics.filter((d) => d.code === 'too-large')).toHaveLength(FILES);
    await store.close();
  });

  test('gets line ownership for every file', async () => {
    const store = await openStore(freshStoreTarget('sqlite'));
    const r = await runScan(store, {
      paths: [repo],
      depth: 1,
      jobs: 1,
      maxFileSize: 1 << 20,
      plugins: givenPlugins({ analyses: [ownershipAnalysis] }),
      workspace: { dir: tempDir(), config: {} },
    });
    expect(r.repositories[0]?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const owned = await store.db
      .selectFrom('ownership')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(owned.n)).toBe(FILES);
    await store.close();
  });
});
