// Every area's route answers the very document of the command's --json (docs/server.md#routes), on a
// workspace scanned once per engine; people are pseudonymised for a member as `--anonymize` does.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CTO_BIN } from '../../test/helpers/cli.ts';
import { scannedWorkspace } from '../../test/helpers/served-workspace.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { addUser, createToken } from './accounts.ts';
import { buildServer } from './server.ts';

afterAll(async () => {
  await dropTestSchemas();
});

const run = promisify(execFile);
const TODAY = '2026-06-30';

/** Route (with its query) -> the command line whose --json it must equal. */
const SAME: Array<[string, string[]]> = [
  [`/api/v1/repositories?today=${TODAY}`, ['repos', '--today', TODAY]],
  ['/api/v1/code?repository=api&by=folder&depth=1', ['code', 'api', '--by', 'folder', '--depth', '1']],
  ['/api/v1/hotspots?all=true', ['hotspots', '--all']],
  [
    '/api/v1/hotspots?coupling=true&min-revs=1&min-degree=1',
    ['hotspots', '--coupling', '--min-revs', '1', '--min-degree', '1'],
  ],
  [`/api/v1/knowledge?today=${TODAY}`, ['knowledge', '--anonymize', '--today', TODAY]],
  [`/api/v1/teams?today=${TODAY}`, ['teams', '--today', TODAY]],
  [`/api/v1/delivery?repository=web&today=${TODAY}`, ['delivery', 'web', '--today', TODAY]],
  ['/api/v1/dependencies?ecosystem=npm&scope=runtime', ['deps', '--ecosystem', 'npm', '--scope', 'runtime']],
  ['/api/v1/vulnerabilities?severity=high', ['vulns', '--severity', 'high']],
  [`/api/v1/eol?today=${TODAY}&window=12`, ['eol', '--today', TODAY, '--window', '12']],
  ['/api/v1/licences?repository=api', ['licences', 'api']],
  ['/api/v1/technologies', ['tech']],
  [`/api/v1/risks?status=all&today=${TODAY}`, ['risks', '--status', 'all', '--today', TODAY]],
  [`/api/v1/trend?by=repository&today=${TODAY}`, ['trend', '--by', 'repository', '--today', TODAY]],
  [`/api/v1/decisions?today=${TODAY}`, ['decisions', '--today', TODAY]],
  [`/api/v1/objectives?today=${TODAY}`, ['objectives', '--today', TODAY]],
  [`/api/v1/radar?today=${TODAY}`, ['radar', '--today', TODAY]],
  [`/api/v1/experiments?today=${TODAY}`, ['experiments', '--today', TODAY]],
  ['/api/v1/costs?by=team', ['costs', '--by', 'team']],
  [`/api/v1/vendors?today=${TODAY}`, ['vendors', '--today', TODAY]],
  [`/api/v1/budget?today=${TODAY}`, ['budget', '--today', TODAY]],
];

describe.each(ENGINES)('routes equal the CLI on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let ws = '';
  let target = '';
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    target = freshStoreTarget(engine);
    ws = scannedWorkspace(target).ws;
    // `cto risks` brings the register up to date (the server only reads it): run it once first.
    await run(process.execPath, [CTO_BIN, 'risks', '--today', TODAY, '--workspace', ws, '--db', target], {
      env: { ...process.env, CTO_DB: '' },
    });
    store = await openStore(target);
    for (const role of ['member', 'lead'] as const) {
      await addUser(store, { email: `${role}@example.com`, role, password: `a long password for ${role}` });
      tokens[role] = (
        await createToken(store, { email: `${role}@example.com`, name: 't', expiresAt: null })
      ).token;
    }
    app = await buildServer({ store, ws: loadWorkspace(ws) });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const cli = async (args: string[]) => {
    const { stdout } = await run(
      process.execPath,
      [CTO_BIN, ...args, '--json', '--workspace', ws, '--db', target],
      {
        env: { ...process.env, CTO_DB: '' },
        maxBuffer: 1 << 26,
      },
    );
    return JSON.parse(stdout) as Record<string, unknown>;
  };
  const route = async (url: string, token = tokens.member as string) => {
    const sep = url.includes('?') ? '&' : '?';
    const res = await fetch(`${base}${url}${sep}limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status, url).toBe(200);
    return (await res.json()) as Record<string, unknown> & { page?: { total: number } };
  };

  test('each area route answers the document of its command --json, schema and all', async () => {
    const checked: string[] = [];
    for (let i = 0; i < SAME.length; i += 4) {
      const batch = SAME.slice(i, i + 4);
      const docs = await Promise.all(batch.map(async ([url, args]) => [await route(url), await cli(args)]));
      batch.forEach(([url], j) => {
        const [served, printed] = docs[j] as [Record<string, unknown>, Record<string, unknown>];
        const { page: _, ...doc } = served;
        expect(doc, url).toEqual(printed);
        checked.push(printed.schema as string);
      });
    }
    expect(new Set(checked).size).toBe(SAME.length - 1); // hotspots twice
  }, 240_000);

  test.each([
    ['/api/v1/dependencies', ['deps'], 'packages'],
    ['/api/v1/licences', ['licences'], 'packages'],
    ['/api/v1/technologies', ['tech'], 'technologies'],
  ] as const)(
    '%s pages by row, not by repository: totals, offsets and the pages together are the CLI list',
    async (url, args, rows) => {
      type Group = Record<string, unknown> & { [k: string]: unknown[] };
      const printed = await cli([...args]);
      const groups = printed.repositories as Group[];
      const flat = groups.flatMap((g) => (g[rows] as unknown[]).map((row) => [g.name ?? g.repository, row]));
      expect(flat.length).toBeGreaterThan(groups.length); // paging by row differs from paging by repository
      const seen: unknown[][] = [];
      const groupsSeen: unknown[] = [];
      for (const limit of [1, 2, 3]) {
        seen.length = 0;
        groupsSeen.length = 0;
        for (let offset = 0; offset < flat.length; offset += limit) {
          const res = await fetch(`${base}${url}?limit=${limit}&offset=${offset}`, {
            headers: { authorization: `Bearer ${tokens.member}` },
          });
          const doc = (await res.json()) as Record<string, unknown> & {
            repositories: Group[];
            page: unknown;
          };
          expect(doc.page).toEqual({ list: `repositories[].${rows}`, total: flat.length, limit, offset });
          const onPage = doc.repositories.flatMap((g) =>
            (g[rows] as unknown[]).map((row) => [g.name ?? g.repository, row]),
          );
          expect(onPage, `${url} limit ${limit} offset ${offset}`).toEqual(
            flat.slice(offset, offset + limit),
          );
          seen.push(...onPage);
          for (const g of doc.repositories) {
            groupsSeen.push(g.name ?? g.repository);
            // Each repository keeps the CLI's shape: its other fields are whole.
            const full = groups.find((p) => (p.name ?? p.repository) === (g.name ?? g.repository)) as Group;
            expect({ ...g, [rows]: full[rows] }).toEqual(full);
          }
          // The rest of the document (teams, policy) is the CLI's.
          const { schema: _s, tool: _t, page: _p, repositories: _r, ...rest } = doc;
          const { schema: _s2, tool: _t2, repositories: _r2, ...printedRest } = printed;
          expect(rest).toEqual(printedRest);
        }
        expect(seen).toEqual(flat);
        expect([...new Set(groupsSeen)]).toEqual(groups.map((g) => g.name ?? g.repository));
      }
    },
  );

  test('a lead reads /people as `cto people --json` limited to the teams they lead', async () => {
    const printed = await cli(['people', '--today', TODAY]);
    const { page, ...served } = await route(`/api/v1/people?today=${TODAY}`, tokens.lead);
    const everyone = printed.people as { name: string }[];
    expect(everyone.map((p) => p.name).sort()).toEqual(['Ada Lovelace', 'Linus Torvalds']);
    expect(served).toEqual({ ...printed, people: everyone.filter((p) => p.name === 'Ada Lovelace') });
    expect(page?.total).toBe(1);
  });

  test('the drill-down of a repository holds the bodies of repos, code, hotspots and deps', async () => {
    const doc = (await route('/api/v1/repositories/web')) as Record<string, { [k: string]: unknown }>;
    expect(doc.schema).toBe('cto.repository/v1');
    const { schema: _s, tool: _t, ...code } = await cli(['code', 'web']);
    expect(doc.code).toEqual(code);
    const { schema: _s2, tool: _t2, ...hotspots } = await cli(['hotspots', 'web']);
    expect(doc.hotspots).toEqual(hotspots);
    const deps = (await cli(['deps', 'web'])).repositories as unknown[];
    expect(doc.dependencies).toEqual(deps[0]);
    expect((doc.repository as { name: string }).name).toBe('web');
    expect(Array.isArray(doc.findings)).toBe(true);
  });
});
