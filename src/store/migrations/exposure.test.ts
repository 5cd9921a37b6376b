// Migration 0015 adds `exposure` to dependencies, runtimes and images: rows stored before get what the
// default rules give from their scope and path, and the current_* views show the column.
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { collector as githubActions } from '../../collectors/github-actions/index.ts';
import { collector as nodeVersion } from '../../collectors/node-version/index.ts';
import { collector as npmLock } from '../../collectors/npm-lock/index.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import { openStore, type Store } from '../store.ts';
import { exposure } from './0015-exposure.ts';
import type { Engine } from './index.ts';
import { currentView } from './views.ts';

/** Rows of a query on the store's views. */
async function rows(store: Store, query: string): Promise<unknown[]> {
  return (await sql.raw(query).execute(store.db)).rows;
}

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const lock = (dev: boolean) =>
  JSON.stringify({
    lockfileVersion: 3,
    packages: { '': { name: 'a' }, 'node_modules/left-pad': { version: '1.3.0', ...(dev ? { dev } : {}) } },
  });

describe.each(ENGINES)('migration 0015 on %s', (engine: Engine) => {
  test('rows stored before get the exposure of their scope and path', async () => {
    const files = {
      'package-lock.json': lock(true),
      'examples/app/package-lock.json': lock(false),
      '.nvmrc': '22\n',
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n',
    };
    const dir = buildRepo(tempDir(), [{ author: ADA, files }]);
    const store = await openStore(freshStoreTarget(engine));
    try {
      await runScan(store, {
        paths: [dir],
        depth: 1,
        jobs: 1,
        maxFileSize: 1 << 20,
        plugins: givenPlugins({ collectors: [npmLock, nodeVersion, githubActions] }),
        workspace: { dir: '.', config: {} },
      });
      // As an older version left the store; then 0015 runs on it.
      for (const t of ['dependencies', 'runtimes', 'images']) {
        await sql.raw(`drop view current_${t}`).execute(store.db);
        await sql.raw(`alter table ${t} drop column exposure`).execute(store.db);
        await currentView(store.db as unknown as Kysely<unknown>, t);
      }
      await exposure(engine).up(store.db as unknown as Kysely<unknown>);
      const deps = await rows(
        store,
        'select manifest_path, scope, exposure from current_dependencies order by manifest_path',
      );
      expect(deps).toEqual([
        { manifest_path: 'examples/app/package-lock.json', scope: 'prod', exposure: 'example' },
        { manifest_path: 'package-lock.json', scope: 'dev', exposure: 'development' },
      ]);
      const runtimes = await rows(store, 'select path, exposure from current_runtimes');
      expect(runtimes).toEqual([{ path: '.nvmrc', exposure: 'runtime' }]);
      const images = await rows(store, 'select name, exposure from current_images');
      expect(images).toEqual([{ name: 'actions/checkout', exposure: 'ci' }]);
    } finally {
      await store.close();
    }
  });
});
