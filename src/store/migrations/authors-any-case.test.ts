// Migration 0011 recounts the authors of snapshots written before authors were compared in any case.
import { afterAll, describe, expect, test } from 'vitest';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import { openStore } from '../store.ts';
import { authorsAnyCase } from './0011-authors-any-case.ts';
import type { Engine } from './index.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('migration 0011 on %s', (engine: Engine) => {
  test('a snapshot counted case-sensitively is recounted in any case', async () => {
    const dir = buildRepo(tempDir(), [
      { author: ADA, files: { a: '1\n' } },
      { author: { name: 'Ada', email: 'Ada@Example.COM' }, files: { a: '2\n' } },
      { author: { name: 'Bob', email: 'bob@example.com' }, files: { a: '3\n' } },
    ]);
    const target = freshStoreTarget(engine);
    const store = await openStore(target);
    await runScan(store, {
      paths: [dir],
      depth: 1,
      jobs: 1,
      maxFileSize: 1 << 20,
      plugins: givenPlugins({}),
      workspace: { dir: '.', config: {} },
    });
    // As an older version stored it; then 0011 runs on it (later migrations have run too, so the
    // migration is run directly rather than by reopening the store).
    await store.db.updateTable('snapshots').set({ authors_count: 3 }).execute();
    await authorsAnyCase.up(store.db);
    try {
      const rows = await store.db.selectFrom('snapshots').select('authors_count').execute();
      expect(rows.map((r) => r.authors_count)).toEqual([2]);
    } finally {
      await store.close();
    }
  });
});
