// A real blobless partial clone (`git clone --filter=blob:none`) is scanned as `partial`, as
// docs/scan.md says: git's first stderr line is the "lazy fetching disabled" warning, the reason
// comes after it.
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ADA, BOB, buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import type { Engine } from '../store/migrations/index.ts';
import { openStore } from '../store/store.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** A source repository and a blobless clone of it, made with plain git as a user would. */
function bloblessClone(): { clone: string; missing: number } {
  const src = buildRepo(join(tempDir(), 'src'), [
    { author: ADA, files: { 'a.txt': 'one\n', 'b.txt': 'b\n' } },
    { author: BOB, files: { 'a.txt': 'one\ntwo\n' } },
    { author: ADA, files: { 'a.txt': 'one\ntwo\nthree\n', 'c.txt': 'c\n' } },
  ]);
  git(src, ['config', 'uploadpack.allowFilter', 'true']);
  const clone = join(tempDir(), 'clone');
  git(tempDir(), ['clone', '-q', '--no-local', '--filter=blob:none', `file://${src}`, clone]);
  // Only the checked-out blobs were fetched: the older versions of a.txt are absent.
  const missing = git(clone, ['rev-list', '--objects', '--missing=print', 'HEAD'])
    .split('\n')
    .filter((l) => l.startsWith('?')).length;
  return { clone, missing };
}

describe.each(ENGINES)('blobless clone on %s', (engine: Engine) => {
  test('is scanned as partial: every commit stored, line counts unknown, a missing-objects diagnostic', async () => {
    const { clone, missing } = bloblessClone();
    expect(missing).toBeGreaterThan(0);
    const store = await openStore(freshStoreTarget(engine));
    const { repositories } = await runScan(store, {
      paths: [clone],
      depth: 4,
      jobs: 1,
      maxFileSize: 10 * 1024 * 1024,
      plugins: givenPlugins({}),
      workspace: { dir: '.', config: {} },
    });
    const [o] = repositories;
    expect(o?.error).toBeNull();
    expect(o).toMatchObject({ status: 'partial', commits: 3, authors: 2, files: 3 });
    const diag = o?.diagnostics.find((d) => d.code === 'missing-objects');
    expect(diag?.message).toMatch(/promisor remote/);
    expect(diag?.message).not.toMatch(/lazy fetching disabled/);
    const lines = await store.readOnlyQuery(
      "select count(*), count(added) from current_file_changes where repository = 'clone'",
    );
    expect(lines.rows[0]?.map(Number)).toEqual([5, 0]);
    await store.close();
  });
});
