// Each fact's exposure is decided as it is collected: from the lockfile's flags, a Dockerfile's stages,
// CI paths and the path rules of cto.yaml's `exposure:` section; a change of those rules re-collects.
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { collector as dockerfile } from '../collectors/dockerfile/index.ts';
import { collector as githubActions } from '../collectors/github-actions/index.ts';
import { collector as nodeVersion } from '../collectors/node-version/index.ts';
import { collector as npmLock } from '../collectors/npm-lock/index.ts';
import { collector as npmManifest } from '../collectors/npm-manifest/index.ts';
import type { Engine } from '../store/migrations/index.ts';
import { openStore, type Store } from '../store/store.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';

/** Rows of a query on the store's views. */
async function rows(store: Store, query: string): Promise<unknown[]> {
  return (await sql.raw(query).execute(store.db)).rows;
}

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const PLUGINS = givenPlugins({ collectors: [npmManifest, npmLock, dockerfile, githubActions, nodeVersion] });

async function scan(store: Store, dir: string, config: Record<string, unknown> = {}) {
  const r = await runScan(store, {
    paths: [dir],
    depth: 1,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: PLUGINS,
    workspace: { dir: '.', config },
  });
  return r.repositories[0]!;
}

const LOCK = JSON.stringify({
  name: 'app',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', dependencies: { express: '^4' }, devDependencies: { eslint: '^8' } },
    'node_modules/express': { version: '4.19.2' },
    'node_modules/eslint': { version: '8.57.0', dev: true },
  },
});

const FILES = {
  'package-lock.json': LOCK,
  'test/fixture-app/package.json': JSON.stringify({ dependencies: { lodash: '^4' } }),
  '.nvmrc': '22\n',
  Dockerfile:
    'FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n',
  '.github/workflows/ci.yml':
    'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    container: node:22\n    steps:\n      - uses: actions/checkout@v4\n',
};

describe.each(ENGINES)('exposure of collected facts on %s', (engine: Engine) => {
  test('flags, test folders, build stages and workflows', async () => {
    const dir = buildRepo(tempDir(), [{ author: ADA, files: FILES }]);
    const store = await openStore(freshStoreTarget(engine));
    try {
      expect((await scan(store, dir)).status).toBe('ok');
      const deps = await rows(store, 'select name, scope, exposure from current_dependencies order by name');
      expect(deps).toEqual([
        { name: 'eslint', scope: 'dev', exposure: 'development' },
        { name: 'express', scope: 'prod', exposure: 'runtime' },
        { name: 'lodash', scope: 'prod', exposure: 'test' },
      ]);
      const images = await rows(store, 'select name, exposure from current_images order by name');
      expect(images).toEqual([
        { name: 'actions/checkout', exposure: 'ci' },
        { name: 'gcr.io/distroless/static', exposure: 'runtime' },
        { name: 'golang', exposure: 'build' },
        { name: 'node', exposure: 'ci' },
      ]);
      const runtimes = await rows(store, 'select path, exposure from current_runtimes');
      expect(runtimes).toEqual([{ path: '.nvmrc', exposure: 'runtime' }]);

      // New rules in cto.yaml: the same commit is collected again, by them.
      const config = { exposure: { paths: { test: [], example: ['test/**'] } } };
      expect((await scan(store, dir, config)).status).toBe('ok');
      const lodash = await rows(store, "select exposure from current_dependencies where name = 'lodash'");
      expect(lodash).toEqual([{ exposure: 'example' }]);
      expect((await scan(store, dir, config)).status).toBe('unchanged');
    } finally {
      await store.close();
    }
  });
});
