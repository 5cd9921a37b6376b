// A first scan reads history from the ownership replay's log of patches (git/shared-log.ts); when that
// log fails, history reads its own log and stores every commit all the same. Here the patches exceed
// the git output budget (every commit rewrites a file) while numstat's lines and the tree stay under it.
import { afterAll, describe, expect, test } from 'vitest';
import { buildRepo, type CommitSpec, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { ANALYSES } from '../analyses/registry.ts';
import { DEFAULT_BUDGET_SETTINGS } from '../git/budget.ts';
import { openStore } from '../store/store.ts';
import { historiesFromSharedLog } from './history.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('history when the shared log fails (%s)', (engine) => {
  test('reads its own log and stores every commit with its line counts', async () => {
    const lines = (v: number) => Array.from({ length: 600 }, (_, i) => `version ${v} line ${i}\n`).join('');
    const commits: CommitSpec[] = [];
    for (let v = 0; v < 12; v++) commits.push({ files: { 'data.txt': lines(v), [`note${v}.md`]: `${v}\n` } });
    const dir = buildRepo(tempDir(), commits);
    const store = await openStore(freshStoreTarget(engine));
    const before = historiesFromSharedLog();
    // Each rewrite is about 26 KB of patch (12 of them: over the budget); the tree is 13 KB.
    const { repositories } = await runScan(store, {
      paths: [dir],
      depth: 1,
      jobs: 1,
      maxFileSize: 1 << 20,
      plugins: givenPlugins({ analyses: ANALYSES.filter((a) => a.id === 'ownership') }),
      workspace: { dir: tempDir(), config: {}, today: '2024-06-30' },
      budget: { ...DEFAULT_BUDGET_SETTINGS, outputBytes: 100 * 1024 },
    });
    expect(repositories[0]?.commits).toBe(12);
    expect(historiesFromSharedLog()).toBe(before);
    const rows = await store.readOnlyQuery(
      "select added, deleted from file_changes where path = 'data.txt' order by added, deleted",
    );
    expect(rows.rows.map((r) => [Number(r[0]), Number(r[1])])).toEqual([
      [600, 0],
      ...Array.from({ length: 11 }, () => [600, 600]),
    ]);
    // The replay read the same failed log: the ownership analysis says which budget stopped it.
    expect(JSON.stringify(repositories[0]?.diagnostics)).toMatch(/output budget/);
    await store.close();
  });
});
