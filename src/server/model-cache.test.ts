// The documents the server keeps between requests (src/server/model-cache.ts): a kept report is the
// document a fresh build makes; a new snapshot, or an edited office file, drops it; the kept entries
// are bounded. On both engines, over a workspace scanned through the CLI.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { ADA, addCommits } from '../../test/helpers/repo-builder.ts';
import { scannedWorkspace } from '../../test/helpers/served-workspace.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { buildWorkspaceReport } from '../report/workspace.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace, type Workspace } from '../workspace.ts';
import { addUser, createToken } from './accounts.ts';
import { createModelCache, MAX_ENTRIES, modelCache } from './model-cache.ts';
import { reportOf } from './routes/report.ts';
import { buildServer } from './server.ts';

afterAll(async () => {
  await dropTestSchemas();
});

const TODAY = '2026-06-30';

describe.each(ENGINES)('the kept report on %s', (engine) => {
  let store: Store;
  let ws: Workspace;
  let app: FastifyInstance;
  let base = '';
  let token = '';
  let root = '';
  let target = '';

  beforeAll(async () => {
    target = freshStoreTarget(engine);
    const scanned = scannedWorkspace(target);
    root = scanned.root;
    ws = loadWorkspace(scanned.ws);
    store = await openStore(target);
    await addUser(store, { email: 'lead@example.com', role: 'lead', password: 'a long password for lead' });
    ({ token } = await createToken(store, { email: 'lead@example.com', name: 't', expiresAt: null }));
    app = await buildServer({ store, ws });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const fresh = async () =>
    JSON.parse(
      JSON.stringify(
        await buildWorkspaceReport(store, ws, {
          day: TODAY,
          now: new Date(`${TODAY}T00:00:00Z`),
          anonymize: false,
        }),
      ),
    );
  const kept = () => reportOf(store, ws, { today: TODAY, anonymize: false });
  const served = async (url: string) => {
    const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, url).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  test('a kept report is the very document a fresh build makes, and is kept: the same object twice', async () => {
    const first = await kept();
    expect(await kept()).toBe(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(await fresh());
    // The routes share it: the findings route reads the kept model, not a new one.
    // (people masked for the caller: the findings compared by area and id)
    const findings = (await served(`/api/v1/findings?today=${TODAY}&limit=1000`)).findings as {
      area: string;
      id: string;
    }[];
    expect(findings.map((f) => [f.area, f.id])).toEqual(
      first.sections.flatMap((s) => s.findings.map((f) => [s.id, f.id])),
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(await kept()).toBe(first);
  });

  test('a new snapshot drops it: the next request builds the report of the new state', async () => {
    const before = await kept();
    addCommits(join(root, 'api'), [
      {
        author: ADA,
        committer: ADA,
        date: '2026-05-02T10:00:00Z',
        message: 'add a dependency',
        files: {
          'package.json': `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { fastify: '^5.0.0', zod: '^4.0.0', lodash: '^4.17.0' } }, null, 2)}\n`,
        },
      },
    ]);
    const scan = cto(['scan', root, '--workspace', ws.dir, '--db', target]);
    expect(scan.code, scan.stderr).toBe(0);
    const after = await kept();
    expect(after).not.toBe(before);
    const now = await fresh();
    expect(JSON.parse(JSON.stringify(after))).toEqual(now);
    expect(now).not.toEqual(JSON.parse(JSON.stringify(before)));
    const report = await served(`/api/v1/report?today=${TODAY}`);
    expect(JSON.stringify(report)).toContain('lodash');
    expect(JSON.stringify(before)).not.toContain('lodash');
  }, 120_000);

  test('an edited office file drops it', async () => {
    const before = await kept();
    expect(await kept()).toBe(before);
    appendFileSync(join(ws.dir, 'teams.yaml'), '  - name: Data\n    members: []\n');
    const after = await kept();
    expect(after).not.toBe(before);
    expect(JSON.parse(JSON.stringify(after))).toEqual(await fresh());
  });

  test('the cache holds at most MAX_ENTRIES documents', async () => {
    const cache = modelCache(store, ws);
    for (let i = 0; i < MAX_ENTRIES + 5; i++) await cache.get(`k${i}`, async () => ({ i }));
    expect(cache.size).toBe(MAX_ENTRIES);
    // The least recently used went first: the last ones are still there.
    expect(await cache.get(`k${MAX_ENTRIES + 4}`, async () => ({ i: -1 }))).toEqual({ i: MAX_ENTRIES + 4 });
    expect(await cache.get('k0', async () => ({ i: -1 }))).toEqual({ i: -1 });
  });
});

describe('createModelCache', () => {
  test('a build that fails is not kept; a changed fingerprint drops every entry', async () => {
    let state = 'a';
    const cache = createModelCache(
      async () => state,
      () => 'office',
    );
    await expect(cache.get('x', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.get('x', async () => 1)).toBe(1);
    expect(await cache.get('x', async () => 2)).toBe(1);
    state = 'b';
    expect(await cache.get('x', async () => 3)).toBe(3);
    const uncached = createModelCache(
      async () => state,
      () => null,
    );
    expect(await uncached.get('x', async () => 4)).toBe(4);
    expect(await uncached.get('x', async () => 5)).toBe(5);
  });
});
