// A scan bounds every git process and the tree: a git bomb fails with the bound it hit named, a
// tree over the entry maximum is refused, and the other repositories of the scan finish.
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildGitBomb } from '../../test/helpers/git-bomb.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { DEFAULT_BUDGET_SETTINGS, MiB } from '../git/budget.ts';
import type { Engine } from '../store/migrations/index.ts';
import { openStore } from '../store/store.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('budgets on %s', (engine: Engine) => {
  test('a git bomb fails at the memory bound, a wide tree is refused, the other repository is ok', async () => {
    const root = tempDir();
    buildGitBomb(join(root, 'bomb')); // 10^10 paths
    buildGitBomb(join(root, 'wide'), 4); // 10^4 paths: its history reads, its tree is over the bound
    buildRepo(join(root, 'good'), [{ files: { 'a.txt': 'a\n' } }, { files: { 'b.txt': 'b\n' } }]);
    const store = await openStore(freshStoreTarget(engine));
    const { repositories } = await runScan(store, {
      paths: [root],
      depth: 2,
      jobs: 2,
      maxFileSize: 10 * MiB,
      plugins: givenPlugins({}),
      workspace: { dir: '.', config: {} },
      budget: { ...DEFAULT_BUDGET_SETTINGS, memoryBytes: 256 * MiB, treeEntries: 1000 },
    });
    const byName = new Map(repositories.map((o) => [o.name, o]));
    expect(byName.get('bomb')).toMatchObject({
      status: 'failed',
      error: {
        code: 'GIT_BUDGET_EXCEEDED',
        message: expect.stringMatching(/^git log exceeded the 256 MiB memory budget and was stopped/),
      },
    });
    expect(byName.get('wide')).toMatchObject({
      status: 'failed',
      error: { code: 'TREE_TOO_LARGE', message: expect.stringMatching(/more than 1,000 entries/) },
    });
    expect(byName.get('good')).toMatchObject({ status: 'ok', commits: 2, files: 2, error: null });
    // The failed snapshots keep the reason; no snapshot of a failed repository became current.
    const failed = await store.readOnlyQuery(
      "select r.name, s.error from snapshots s join repositories r on r.id = s.repository_id where s.status = 'failed' order by r.name",
    );
    expect(failed.rows.map((r) => [r[0], String(r[1]).split(' (')[0]])).toEqual([
      ['bomb', 'git log exceeded the 256 MiB memory budget and was stopped'],
      ['wide', 'the tree has more than 1,000 entries; it was not read'],
    ]);
    const current = await store.readOnlyQuery(
      'select name from repositories where current_snapshot_id is not null',
    );
    expect(current.rows.map((r) => r[0])).toEqual(['good']);
    await store.close();
  });
});
