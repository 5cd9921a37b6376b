import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { ADA, LINUS, scannedWorkspace } from '../../test/helpers/served-workspace.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { loadDirectory } from '../analyses/knowledge/directory.ts';
import { pseudonym } from '../people/pseudonym.ts';
import { referenceDay } from '../reference-date.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { addUser, createToken } from './accounts.ts';
import { buildServer } from './server.ts';

afterAll(async () => {
  await dropTestSchemas();
});

const PSEUDONYM = /person-[0-9a-f]{8}/g;

/** Every pseudonym in a text, and whether an older style (`Person 7f3a`) is left anywhere. */
function pseudonymsIn(text: string) {
  return { found: new Set(text.match(PSEUDONYM) ?? []), oldStyle: /Person [0-9a-f]{4}\b/.test(text) };
}

describe.each(ENGINES)('one pseudonym per person, CLI and API, on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let ws: string;
  let target: string;
  let token = '';
  const expected: Record<string, string> = {};

  beforeAll(async () => {
    target = freshStoreTarget(engine);
    ws = scannedWorkspace(target).ws;
    store = await openStore(target);
    const workspace = loadWorkspace(ws);
    const { directory } = await loadDirectory(store, ws, workspace.config, referenceDay());
    for (const who of [ADA, LINUS]) {
      const person = directory.people.find((p) => p.emails.includes(who.email));
      expect(person, who.email).toBeDefined();
      expected[who.email] = pseudonym(person?.id ?? '');
    }
    await addUser(store, { email: 'member@example.com', role: 'member', password: 'a long password here' });
    token = (await createToken(store, { email: 'member@example.com', name: 't', expiresAt: null })).token;
    app = await buildServer({ store, ws: workspace });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const api = async (url: string) => {
    const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, url).toBe(200);
    return res.text();
  };
  const cli = (args: string[]) => {
    const r = cto([...args, '--workspace', ws, '--db', target]);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  test("a person's pseudonym is the same in the CLI's --anonymize output and in the API as member", async () => {
    const ada = expected[ADA.email] as string;
    const linus = expected[LINUS.email] as string;
    expect(ada).not.toBe(linus);
    const outputs: Record<string, string> = {
      'cto people --anonymize': cli(['people', '--anonymize', '--json']),
      'cto knowledge --anonymize': cli(['knowledge', '--anonymize', '--json']),
      'cto skills --anonymize': cli(['skills', '--anonymize', '--json']),
      'cto report --anonymize': cli(['report', '--anonymize', '--json', '-o', join(tempDir(), 'r')]),
      'GET /api/v1/knowledge': await api('/api/v1/knowledge'),
      'GET /api/v1/teams': await api('/api/v1/teams'),
      'GET /api/v1/report': await api('/api/v1/report'),
      'GET /api/v1/findings': await api('/api/v1/findings?limit=1000'),
      'GET /api/v1/exports/findings.csv': await api('/api/v1/exports/findings.csv'),
    };
    for (const [where, text] of Object.entries(outputs)) {
      const { found, oldStyle } = pseudonymsIn(text);
      // Only the two people's pseudonyms, never a second one for the same person (by name or by e-mail).
      expect(
        [...found].filter((p) => p !== ada && p !== linus),
        where,
      ).toEqual([]);
      expect(oldStyle, where).toBe(false);
      for (const who of [ADA.name, ADA.email, LINUS.name, LINUS.email])
        expect(text, where).not.toContain(who);
    }
    // Where each person is named, both carry their one pseudonym.
    for (const where of [
      'cto people --anonymize',
      'cto knowledge --anonymize',
      'GET /api/v1/knowledge',
      'cto report --anonymize',
      'GET /api/v1/report',
      // The findings name their people by id: the truck factor and single-author hotspots of each repository.
      'GET /api/v1/findings',
      'GET /api/v1/exports/findings.csv',
    ]) {
      expect([...pseudonymsIn(outputs[where] as string).found].sort(), where).toEqual([ada, linus].sort());
    }
  });
});
