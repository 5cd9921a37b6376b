import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ForgeServer, startForgeServer } from '../../test/fixtures/fleet/forge-server.ts';
import { buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { listSourceRepositories } from '../store/sources.ts';
import { openStore } from '../store/store.ts';
import type { SourcesFile } from './sources-config.ts';
import { scannablePaths, syncSources } from './sync.ts';

let forge: ForgeServer;
let remotes: string;
let local: string;

beforeAll(async () => {
  // The forge's clone URLs point at local bare repositories: file:// stands in for https.
  remotes = tempDir('cto-remotes-');
  for (const name of ['api', 'web', 'web-sandbox']) {
    buildRepo(join(remotes, `${name}.git`), [{ files: { 'README.md': `${name}\n` } }], { bare: true });
  }
  forge = await startForgeServer({ remotes: `file://${remotes}`, token: 'tok' });
  local = tempDir('cto-local-');
  buildRepo(join(local, 'tools'), [{ files: { 'a.sh': 'echo\n' } }]);
  buildRepo(join(local, 'scratch'), [{ files: { 'b.sh': 'echo\n' } }]);
});

afterAll(async () => {
  await forge.close();
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('cto sources sync on %s', (engine) => {
  test('lists every source, mirrors remote repositories, marks what disappeared and what came back', async () => {
    const ws = tempDir('cto-ws-');
    const file: SourcesFile = {
      sources: [
        { github: 'acme', api: forge.url, token: 'ACME_TOKEN' },
        { folder: local, exclude: ['scratch'] },
        { url: 'http://insecure.example.com/x.git' },
      ],
    };
    const store = await openStore(freshStoreTarget(engine));
    try {
      const opts = {
        workspaceDir: ws,
        forge: { env: { ACME_TOKEN: 'tok' } },
        now: '2026-12-01T00:00:00.000Z',
      };
      const first = await syncSources(store, file, opts);
      expect(first.sources.map((s) => [s.id.split(' ')[0], s.listed, s.error])).toEqual([
        [`github:${forge.url}`, 3, null],
        [`folder:${local}`, 1, null],
        ['url:http://insecure.example.com/x.git', 1, null],
      ]);
      expect(first).toMatchObject({ added: 5, gone: 0, back: 0 });
      // Three mirrors made, the http URL refused, each recorded.
      const fetched = first.fetches.map((f) => [f.name, f.created, f.error === null]);
      expect(fetched).toEqual([
        ['acme/api', true, true],
        ['acme/web', true, true],
        ['acme/web-sandbox', true, true],
        ['x', false, false],
      ]);
      let rows = await listSourceRepositories(store);
      const api = rows.find((r) => r.name === 'acme/api')!;
      expect(api.mirror).toBe(
        join(ws, '.cto', 'mirrors', 'local', ...remotes.split('/').filter(Boolean), 'api.git'),
      );
      expect(git(api.mirror!, ['rev-parse', 'HEAD'])).toBe(
        git(join(remotes, 'api.git'), ['rev-parse', 'HEAD']),
      );
      expect(rows.find((r) => r.name === 'x')!.fetchError).toMatch(/http transport is not allowed/);

      // web-sandbox is deleted on the forge: marked gone, kept, not scanned; its mirror stays on disk.
      forge.hide(['web-sandbox']);
      const second = await syncSources(store, file, { ...opts, now: '2026-12-02T00:00:00.000Z' });
      expect(second).toMatchObject({ added: 0, gone: 1, back: 0 });
      rows = await listSourceRepositories(store);
      const sandbox = rows.find((r) => r.name === 'acme/web-sandbox')!;
      expect(sandbox.goneAt).toBe('2026-12-02T00:00:00.000Z');
      expect(existsSync(sandbox.mirror!)).toBe(true);
      const { paths } = await scannablePaths(store);
      expect(paths).not.toContain(sandbox.mirror);
      expect(paths).toContain(join(local, 'tools'));
      expect(paths.filter((p) => p.endsWith('.git'))).toHaveLength(2);

      // A source that fails to list leaves its repositories as they were: not gone.
      const broken = await syncSources(store, file, {
        ...opts,
        now: '2026-12-03T00:00:00.000Z',
        forge: { env: { ACME_TOKEN: 'wrong' } },
      });
      expect(broken.sources[0]!.error).toMatch(/401/);
      expect(broken.gone).toBe(0);
      expect((await listSourceRepositories(store)).filter((r) => r.goneAt !== null)).toHaveLength(1);

      // It comes back.
      forge.hide([]);
      const third = await syncSources(store, file, {
        ...opts,
        now: '2026-12-04T00:00:00.000Z',
        fetch: false,
      });
      expect(third).toMatchObject({ added: 0, gone: 0, back: 1 });
      expect(third.fetches).toEqual([]);
      rows = await listSourceRepositories(store);
      expect(rows.find((r) => r.name === 'acme/web-sandbox')).toMatchObject({
        goneAt: null,
        firstSeenAt: '2026-12-01T00:00:00.000Z',
      });
    } finally {
      await store.close();
    }
  });

  test('without fetching, a fresh store records the mirrors already on disk', async () => {
    const ws = tempDir('cto-ws-');
    const file: SourcesFile = { sources: [{ github: 'acme', api: forge.url, token: 'ACME_TOKEN' }] };
    const opts = { workspaceDir: ws, forge: { env: { ACME_TOKEN: 'tok' } }, now: '2026-12-01T00:00:00.000Z' };
    const first = await openStore(freshStoreTarget(engine));
    let mirrors: Map<string, string | null>;
    try {
      expect((await syncSources(first, file, opts)).fetches.every((f) => f.error === null)).toBe(true);
      mirrors = new Map((await listSourceRepositories(first)).map((r) => [r.name, r.mirror]));
    } finally {
      await first.close();
    }
    const store = await openStore(freshStoreTarget(engine));
    try {
      const result = await syncSources(store, file, { ...opts, fetch: false });
      expect(result.fetches).toEqual([]);
      expect(result.adopted).toEqual(['acme/api', 'acme/web', 'acme/web-sandbox']);
      const rows = await listSourceRepositories(store);
      for (const r of rows) {
        expect(r.mirror).toBe(mirrors.get(r.name));
        expect(r.fetchError).toBeNull();
        expect(r.fetchedAt).not.toBeNull();
      }
      expect((await scannablePaths(store)).paths.sort()).toEqual([...mirrors.values()].sort());
      // Recorded once: a second sync without fetching has nothing more to record.
      expect((await syncSources(store, file, { ...opts, fetch: false })).adopted).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
