// The server's /api/v1/status is `cto status --json`: the same document on both engines (on PostgreSQL
// with a job waiting in the queue, read through the store's connections), for the roles that read the
// portfolio only.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { openStore } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { addUser, createToken } from './accounts.ts';
import { buildServer } from './server.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('GET /api/v1/status on %s', (engine) => {
  test('the same document as cto status --json; admins, who start scans, read it; the board is refused', async () => {
    const root = tempDir('cto-status-route-');
    const scanned = buildRepo(join(root, 'scanned'), [{ author: ADA, files: { 'a.txt': 'a\n' } }]);
    const queued = buildRepo(join(root, 'queued'), [{ author: ADA, files: { 'b.txt': 'b\n' } }]);
    const ws = tempDir('cto-status-route-ws-');
    const target = freshStoreTarget(engine);
    const scan = cto(['scan', scanned, '--workspace', ws, '--db', target, '--no-analyses']);
    expect(scan.code, scan.stderr).toBe(0);
    if (engine === 'postgres') expect(cto(['scan', queued, '--queue', '--db', target]).code).toBe(0);
    const cli = JSON.parse(
      cto(['status', '--workspace', ws, '--db', target, '--json', '--today', '2026-01-02']).stdout,
    );

    const store = await openStore(target);
    let app: FastifyInstance | undefined;
    try {
      const tokens: Record<string, string> = {};
      for (const role of ['member', 'board', 'admin']) {
        await addUser(store, { email: `${role}@example.com`, role, password: `a long password for ${role}` });
        tokens[role] = (
          await createToken(store, { email: `${role}@example.com`, name: 't', expiresAt: null })
        ).token;
      }
      app = await buildServer({ store, ws: loadWorkspace(ws) });
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const get = (token: string) =>
        fetch(`${base}/api/v1/status?today=2026-01-02`, { headers: { authorization: `Bearer ${token}` } });

      const res = await get(tokens.member as string);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as Record<string, unknown>;
      expect(doc).toEqual(cli); // the very document of the CLI, its tool included
      expect(doc.schema).toBe('cto.status/v1');
      if (engine === 'postgres')
        expect(doc.queue).toMatchObject({ waiting: 1, running: 0, failed: 0, deadLetters: [], workers: [] });
      else expect(doc.queue).toBeNull();
      expect((doc.repositories as { path: string }[]).map((r) => r.path)).toEqual([scanned]);
      expect((await get(tokens.board as string)).status).toBe(403);
      const admin = await get(tokens.admin as string);
      expect(admin.status).toBe(200);
      expect(await admin.json()).toEqual(cli);
    } finally {
      await app?.close();
      await store.close();
    }
  }, 120_000);
});
