import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { CtoError } from '../errors.ts';
import { resolveRepositories, resolveRepositoryName } from './repositories.ts';
import { openStore, type Store } from './store.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

async function addRepository(store: Store, name: string, path: string): Promise<void> {
  await store.db
    .insertInto('repositories')
    .values({ key: path, name, path, current_snapshot_id: null, created_at: 'now' })
    .execute();
}

async function failure(run: () => Promise<unknown>): Promise<CtoError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof CtoError) return e;
    throw e;
  }
  throw new Error('expected a CtoError');
}

describe.each(ENGINES)('the repository resolver on %s', (engine) => {
  test('an unknown name is REPOSITORY_NOT_FOUND listing the known names; an empty store says to scan', async () => {
    const store = await openStore(freshStoreTarget(engine));
    const empty = await failure(() => resolveRepositories(store, 'api'));
    expect(empty.code).toBe('REPOSITORY_NOT_FOUND');
    expect(empty.message).toContain('run `cto scan <path>` first');
    await addRepository(store, 'web', '/src/web');
    await addRepository(store, 'api', '/src/api');
    const e = await failure(() => resolveRepositories(store, 'ap'));
    expect(e.code).toBe('REPOSITORY_NOT_FOUND');
    expect(e.message).toBe('no scanned repository is named "ap" (known: api, web)');
    await store.close();
  });

  test('a name matches exactly, never as a prefix; a path picks one of the repositories sharing a name', async () => {
    const store = await openStore(freshStoreTarget(engine));
    await addRepository(store, 'api', '/a/api');
    await addRepository(store, 'api-gateway', '/a/api-gateway');
    await addRepository(store, 'api', '/b/api');
    expect((await resolveRepositories(store)).map((r) => r.path)).toEqual([
      '/a/api',
      '/b/api',
      '/a/api-gateway',
    ]);
    expect((await resolveRepositories(store, 'api')).map((r) => r.path)).toEqual(['/a/api', '/b/api']);
    expect((await resolveRepositories(store, 'api-gateway')).map((r) => r.path)).toEqual(['/a/api-gateway']);
    const one = await resolveRepositories(store, '/b/api');
    expect(one.map((r) => [r.name, r.path, r.snapshotId])).toEqual([['api', '/b/api', null]]);
    expect(await resolveRepositoryName(store, '/a/api-gateway')).toBe('api-gateway');
    expect(await resolveRepositoryName(store, undefined)).toBeUndefined();
    await store.close();
  });
});
