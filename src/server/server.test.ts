import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import {
  ADA,
  LINUS,
  PLATFORM_LEAD,
  scannedWorkspace,
  WEB_LEAD,
} from '../../test/helpers/served-workspace.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { auditRows } from '../store/accounts.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { addUser, createToken, revokeToken, setDisabled } from './accounts.ts';
import { openApiPath } from './openapi.ts';
import { API_ROUTES, type ApiRoute } from './routes/index.ts';
import { buildServer } from './server.ts';

afterAll(async () => {
  await dropTestSchemas();
});

interface Operation {
  'x-cto-permission': string;
  'x-cto-schema'?: string;
  'x-cto-list'?: string;
  parameters: { name: string; in: string }[];
}

/** The rows of docs/server.md's Routes table: each cell without its backquotes. */
function routesTable() {
  const text = readFileSync(join(import.meta.dirname, '../../docs/server.md'), 'utf8');
  const start = text.indexOf('## Routes');
  const section = text.slice(start, text.indexOf('\n## ', start + 1));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `/api/') || l.startsWith('| `/auth/'))
    .map((l) => {
      const [route, method, permission, schema, list, parameters] = l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/`/g, ''));
      return {
        route: route as string,
        method: (method as string).toLowerCase(),
        permission,
        schema,
        list,
        parameters: parameters ? parameters.split(', ') : [],
      };
    });
}

/**
 * The policy of docs/server.md#roles written out on its own (not read from roles.ts): for each
 * permission, the roles that get 200. Every other role gets 403.
 */
const POLICY: Record<string, readonly string[]> = {
  'api:describe': ['admin', 'member', 'lead', 'board'],
  'portfolio:read': ['member', 'lead'],
  'summary:read': ['member', 'lead', 'board'],
  // A lead reads the people of the teams they lead (filtered or pseudonymised: tested below).
  'people:read': ['lead'],
  'users:admin': ['admin'],
  'session:own': ['admin', 'member', 'lead', 'board'],
  // Signing in: only anonymous callers (the route ignores any credentials sent).
  'session:login': [],
  // Held by no role: only a sender signing with the webhook secret records events.
  'events:write': [],
  'scans:read': ['admin', 'member', 'lead'],
  'scans:run': ['admin'],
};
/**
 * Routes whose allowed call is not a 200 in this empty workspace, past the permission check all the
 * same (the error is the route's own, never FORBIDDEN).
 */
const ALLOWED_STATUS: Record<string, number> = {
  // Nothing to scan: sources.yaml lists nothing (NO_REPOSITORIES).
  'POST /api/v1/scans': 400,
  // `:id` is not a scan id (USAGE).
  'GET /api/v1/scans/:id': 400,
  // Sent without a body: the body is checked after the permission (USAGE).
  'POST /api/v1/users': 400,
  'PATCH /api/v1/users/member@example.com': 400,
  'PUT /api/v1/settings': 400,
};
/** A query that makes each route answer: search needs words, an SBOM one repository. */
const QUERY: Record<string, string> = {
  '/api/v1/search': '?q=api',
  '/api/v1/exports/cyclonedx': '?repository=api',
  '/api/v1/exports/cyclonedx-vex': '?repository=api',
};
const ROLE_NAMES = ['admin', 'member', 'lead', 'board'] as const;
/** Every role, and a lead of the other team (Web; `lead` leads Platform). */
const ACCOUNTS = [
  ...ROLE_NAMES.map((role) => ({ key: role as string, role: role as string })),
  { key: 'lead2', role: 'lead' },
];
const ALL_SCOPES = ['read', 'write', 'admin'];
const OPENAPI = {
  method: 'GET',
  url: '/api/v1/openapi.json',
  path: '/api/v1/openapi.json',
  permission: 'api:describe',
  auth: 'caller',
  download: undefined,
};
const EVERY_ROUTE = [
  ...API_ROUTES.map((r) => ({
    method: r.method as string,
    // A repository and an account of the scanned workspace.
    url: `${r.url.replace(':name', 'api').replace(':email', 'member@example.com')}${QUERY[r.url] ?? ''}`,
    path: openApiPath(r.url),
    permission: r.permission as string,
    auth: r.auth ?? 'caller',
    download: r.download,
  })),
  OPENAPI,
];
const WEBHOOK_ROUTES = EVERY_ROUTE.filter((r) => r.auth === 'webhook');
/** Routes that need credentials, GET first and DELETE last (a DELETE may end the session it is sent with). */
const METHOD_ORDER: Record<string, number> = { GET: 0, DELETE: 2 };
const ALL_ROUTES = EVERY_ROUTE.filter((r) => r.auth === 'caller').sort(
  (a, b) => (METHOD_ORDER[a.method] ?? 1) - (METHOD_ORDER[b.method] ?? 1),
);

describe.each(ENGINES)('cto serve on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  const tokens: Record<string, string> = {};
  let expired = '';

  beforeAll(async () => {
    const target = freshStoreTarget(engine);
    const { ws } = scannedWorkspace(target);
    store = await openStore(target);
    expect([PLATFORM_LEAD, WEB_LEAD]).toEqual(['lead@example.com', 'lead2@example.com']);
    for (const a of ACCOUNTS) {
      const email = `${a.key}@example.com`;
      await addUser(store, { email, role: a.role, password: `a long password for ${a.key}` });
      tokens[a.key] = (
        await createToken(store, { email, name: 'test', expiresAt: null, scopes: ALL_SCOPES })
      ).token;
    }
    expired = (
      await createToken(store, {
        email: 'member@example.com',
        name: 'old',
        expiresAt: '2020-01-01T00:00:00.000Z',
      })
    ).token;
    app = await buildServer({ store, ws: loadWorkspace(ws), webhookKey: randomBytes(32) });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const get = (url: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${url}`, {
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  const call = (r: { method: string; url: string }, headers: Record<string, string>) =>
    fetch(`${base}${r.url}`, { method: r.method, headers });

  /** Sign in as a role: the cookie header and the CSRF header of a fresh session. */
  const signIn = async (role: string) => {
    const res = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@example.com`, password: `a long password for ${role}` }),
    });
    expect(res.status, `sign in as ${role}`).toBe(200);
    const doc = (await res.json()) as { csrfToken: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    return { cookie, 'x-csrf-token': doc.csrfToken };
  };

  test('every route refuses a request without credentials: 401 UNAUTHENTICATED as JSON', async () => {
    expect(WEBHOOK_ROUTES.length).toBeGreaterThan(0);
    // All but signing in (password, single sign-on and the sign-in options): public, session:login only.
    const PUBLIC_ROUTES = EVERY_ROUTE.filter((r) => r.auth === 'public');
    expect(PUBLIC_ROUTES.map((r) => r.permission)).toEqual(PUBLIC_ROUTES.map(() => 'session:login'));
    expect(ALL_ROUTES.length + WEBHOOK_ROUTES.length).toBe(EVERY_ROUTE.length - PUBLIC_ROUTES.length);
    for (const r of [...ALL_ROUTES, ...WEBHOOK_ROUTES]) {
      const res = await fetch(`${base}${r.url}`, {
        method: r.method,
        ...(r.method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      });
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        r.auth === 'webhook' ? 'WEBHOOK_SIGNATURE' : 'UNAUTHENTICATED',
      );
    }
  });

  test('a webhook route takes no bearer token or session, whatever the role: only a signature', async () => {
    const session = await signIn('admin');
    for (const r of WEBHOOK_ROUTES) {
      for (const role of ROLE_NAMES) {
        for (const headers of [{ authorization: `Bearer ${tokens[role]}` }, session]) {
          const res = await fetch(`${base}${r.url}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: '{}',
          });
          expect(res.status, `${role} ${r.url}`).toBe(401);
          await res.arrayBuffer();
        }
      }
    }
  });

  test('the route x role matrix, by token and by session: each role is allowed exactly what the policy grants', async () => {
    const seen: string[] = [];
    const sessions: Record<string, Record<string, string>> = {};
    for (const a of ACCOUNTS) sessions[a.key] = await signIn(a.key);
    for (const r of ALL_ROUTES) {
      const allowed = POLICY[r.permission];
      expect(allowed, `${r.url} names a permission the policy does not know`).toBeDefined();
      for (const { key, role } of ACCOUNTS) {
        for (const via of ['token', 'session'] as const) {
          const headers =
            via === 'token'
              ? { authorization: `Bearer ${tokens[key]}` }
              : (sessions[key] as Record<string, string>);
          const res = await call(r, headers);
          // The session routes are about a browser's session: a token has none (401).
          const ok =
            r.permission === 'session:own' && via === 'token'
              ? 401
              : (ALLOWED_STATUS[`${r.method} ${r.url}`] ?? (r.method === 'DELETE' ? 204 : 200));
          const want = allowed?.includes(role) ? ok : 403;
          expect(res.status, `${key} by ${via}: ${r.method} ${r.url}`).toBe(want);
          if (want === 403)
            expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
          else if (r.download) {
            expect(res.headers.get('content-disposition'), r.url).toMatch(/^attachment; filename="/);
            await res.arrayBuffer();
          } else if (res.status === 200 && r.path !== OPENAPI.path && r.permission !== 'session:own')
            expect(((await res.json()) as { schema: string }).schema, r.url).toMatch(/^cto\.[a-z-]+\/v\d$/);
          else await res.arrayBuffer();
          seen.push(`${key} ${via} ${r.method} ${r.url} ${res.status}`);
        }
      }
    }
    expect(seen).toHaveLength(ALL_ROUTES.length * ACCOUNTS.length * 2);
    expect(ALL_ROUTES.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(30);
    // Signing in is open to anyone and ignores credentials sent with it: a wrong password is 401 for all.
    for (const role of ROLE_NAMES) {
      const res = await fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${role}@example.com`, password: 'not the password' }),
      });
      expect(res.status, role).toBe(401);
      await res.arrayBuffer();
    }
  });

  test('a lead reads the people of the teams they lead only; member and board read pseudonyms', async () => {
    const body = async (url: string, key: string) => {
      const res = await get(url, tokens[key]);
      expect(res.status, `${key} ${url}`).toBe(200);
      return res.text();
    };
    const people = async (key: string) =>
      (JSON.parse(await body('/api/v1/people', key)) as { people: { name: string }[] }).people.map(
        (p) => p.name,
      );
    expect(await people('lead')).toEqual([ADA.name]);
    expect(await people('lead2')).toEqual([LINUS.name]);
    // Person fields of any other document: own team by name, everyone else under a pseudonym.
    const lead = await body('/api/v1/knowledge', 'lead');
    expect(lead).toContain(ADA.name);
    expect(lead).not.toContain(LINUS.name);
    expect(lead).not.toContain(LINUS.email);
    const lead2 = await body('/api/v1/knowledge', 'lead2');
    expect(lead2).toContain(LINUS.name);
    expect(lead2).not.toContain(ADA.name);
    for (const url of [
      '/api/v1/knowledge',
      '/api/v1/teams',
      '/api/v1/findings',
      '/api/v1/repositories/api',
    ]) {
      const text = await body(url, 'member');
      for (const who of [ADA.name, ADA.email, LINUS.name, LINUS.email]) expect(text, url).not.toContain(who);
    }
    expect(await body('/api/v1/knowledge', 'member')).toMatch(/person-[0-9a-f]{8}/);
    const scope = async (key: string) =>
      JSON.parse(await body('/api/v1/report/summary', key)) as {
        schema: string;
        scope: { anonymized: boolean };
      };
    const board = await scope('board');
    expect(board.schema).toBe('cto.report-summary/v1');
    expect(board.scope.anonymized).toBe(true);
    expect((await scope('member')).scope.anonymized).toBe(true);
    expect((await scope('lead')).scope.anonymized).toBe(false);
    // Search finds people only where the caller may see them.
    const found = async (key: string, q: string) =>
      (JSON.parse(await body(`/api/v1/search?q=${q}`, key)) as { results: { kind: string; title: string }[] })
        .results;
    expect((await found('lead', 'ada')).filter((r) => r.kind === 'person').map((r) => r.title)).toEqual([
      ADA.name,
    ]);
    expect((await found('lead2', 'ada')).filter((r) => r.kind === 'person')).toEqual([]);
    expect((await found('member', 'ada')).filter((r) => r.kind === 'person')).toEqual([]);
    expect((await found('member', 'zod')).map((r) => [r.kind, r.title.split(' ')[0]])).toEqual([
      ['package', 'zod'],
      ['package', 'zod'],
    ]);
    expect((await found('member', 'web')).map((r) => `${r.kind} ${r.title}`)).toContain('repository web');
  });

  test('an unknown repository is 404 REPOSITORY_NOT_FOUND; a bad filter is 400 USAGE', async () => {
    for (const url of [
      '/api/v1/repositories/nope',
      '/api/v1/code?repository=nope',
      '/api/v1/risks?repository=nope',
    ]) {
      const res = await get(url, tokens.member);
      expect(res.status, url).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REPOSITORY_NOT_FOUND');
    }
    for (const url of [
      '/api/v1/dependencies?scope=orbit',
      '/api/v1/vulnerabilities?severity=dire',
      '/api/v1/search?q=a',
    ]) {
      const res = await get(url, tokens.member);
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('USAGE');
    }
  });

  test('the trend route takes the CLI options and refuses a bad one with USAGE', async () => {
    const trend = (await (await get('/api/v1/trend?by=team&today=2026-06-30', tokens.member)).json()) as {
      schema: string;
      by: string;
      reference: string;
    };
    expect([trend.schema, trend.by, trend.reference]).toEqual(['cto.trend/v1', 'team', '2026-06-30']);
    const bad = await get('/api/v1/trend?by=planet', tokens.member);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('USAGE');
  });

  test('an expired token, a made-up token and a malformed header are refused and audited', async () => {
    const before = (await auditRows(store)).filter((a) => a.action === 'auth.failed').length;
    expect((await get('/api/v1/repositories', expired)).status).toBe(401);
    const forged = `${(tokens.member as string).slice(0, 17)}${'A'.repeat(43)}`;
    expect((await get('/api/v1/repositories', forged)).status).toBe(401);
    expect(
      (await fetch(`${base}/api/v1/repositories`, { headers: { authorization: 'Basic eDp5' } })).status,
    ).toBe(401);
    const failed = (await auditRows(store)).filter((a) => a.action === 'auth.failed');
    expect(failed.length - before).toBe(3);
    expect(failed.map((a) => JSON.parse(a.detail).reason)).toContain('expired token');
    expect(failed[0]?.source).toBe('127.0.0.1');
  });

  test('a revoked token and the token of a disabled user are refused at once', async () => {
    await addUser(store, {
      email: 'leaver@example.com',
      role: 'member',
      password: 'a long password to leave',
    });
    const a = await createToken(store, { email: 'leaver@example.com', name: 'a', expiresAt: null });
    const b = await createToken(store, { email: 'leaver@example.com', name: 'b', expiresAt: null });
    expect((await get('/api/v1/risks', a.token)).status).toBe(200);
    expect(await revokeToken(store, a.prefix)).toBe(true);
    expect(await revokeToken(store, a.prefix)).toBe(false);
    expect((await get('/api/v1/risks', a.token)).status).toBe(401);
    expect((await get('/api/v1/risks', b.token)).status).toBe(200);
    await setDisabled(store, 'leaver@example.com', true);
    expect((await get('/api/v1/risks', b.token)).status).toBe(401);
    const reasons = (await auditRows(store))
      .filter((r) => r.action === 'auth.failed')
      .slice(0, 2)
      .map((r) => JSON.parse(r.detail).reason);
    expect(reasons).toEqual(['disabled user', 'revoked token']);
    await setDisabled(store, 'leaver@example.com', false);
    expect((await get('/api/v1/risks', b.token)).status).toBe(200);
  });

  test('token secrets are never stored in clear; token creation is audited', async () => {
    const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(rows);
    for (const t of [...Object.values(tokens), expired]) {
      const secret = t.split('_').slice(2).join('_');
      expect(secret.length).toBe(43);
      expect(text).not.toContain(secret);
      expect(text).toContain(t.split('_')[1]); // the prefix is kept to find the token
    }
    const users = await store.db.selectFrom('users').select('password_hash').execute();
    for (const u of users) expect(u.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await auditRows(store)).filter((a) => a.action === 'token.created')).toHaveLength(rows.length);
  });

  test('cto sql reads accounts but never the credential hashes', async () => {
    const ok = await store.readOnlyQuery('select email, role from users order by email');
    expect(ok.rows.length).toBeGreaterThanOrEqual(4);
    for (const q of [
      'select password_hash from users',
      'select * from users',
      'select secret_hash from api_tokens',
      'select count(*) from api_tokens where secret_hash is not null',
    ]) {
      await expect(store.readOnlyQuery(q), q).rejects.toThrow(/credential hashes|permission denied/);
    }
    expect((await store.readOnlyQuery('select prefix from api_tokens')).rows.length).toBeGreaterThan(0);
  });

  test('security headers on every response: success, refusal and unknown route', async () => {
    for (const res of [
      await get('/api/v1/openapi.json', tokens.board),
      await get('/api/v1/users', tokens.board),
      await get('/api/v1/risks'),
      await get('/api/v1/nowhere', tokens.admin),
    ]) {
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      await res.arrayBuffer();
    }
  });

  test('lists are paged and carry an ETag; a matching If-None-Match gets 304', async () => {
    const page = (await (await get('/api/v1/users?limit=2&offset=1', tokens.admin)).json()) as {
      schema: string;
      page: { list: string; total: number; limit: number; offset: number };
      users: { email: string }[];
    };
    expect(page.schema).toBe('cto.users/v1');
    expect(page.page).toEqual({ list: 'users', total: 6, limit: 2, offset: 1 });
    expect(page.users.map((u) => u.email)).toEqual(['board@example.com', 'lead2@example.com']);
    expect(JSON.stringify(page)).not.toContain('scrypt');
    const first = await get('/api/v1/users', tokens.admin);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect((await get('/api/v1/users', tokens.admin, { 'if-none-match': etag as string })).status).toBe(304);
    const bad = await get('/api/v1/users?limit=0', tokens.admin);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('USAGE');
  });

  test('the OpenAPI document is 3.1 and lists every route with its permission and parameters', async () => {
    const doc = (await (await get('/api/v1/openapi.json', tokens.member)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(EVERY_ROUTE.map((r) => r.path))].sort());
    for (const r of EVERY_ROUTE) {
      expect(doc.paths[r.path]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
    }
    expect(doc.paths['/api/v1/risks']?.get?.parameters.map((p) => p.name).sort()).toEqual([
      'limit',
      'offset',
      'repository',
      'status',
      'team',
      'today',
    ]);
    expect(doc.paths['/api/v1/repositories/{name}']?.get?.parameters[0]).toMatchObject({
      name: 'name',
      in: 'path',
    });
    expect(doc.paths['/api/v1/people']?.get?.['x-cto-permission']).toBe('people:read');
    expect(doc.paths['/api/v1/scans/{id}']?.get?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    // docs/server.md's Routes table says what the document says: route, method, permission, schema,
    // list and query parameters, for every operation.
    const table = routesTable();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(table.map((r) => `${r.method} ${r.route}`).sort()).toEqual(operations.sort());
    for (const row of table) {
      const op = doc.paths[row.route]?.[row.method] as Operation;
      const params = op.parameters.filter((p) => p.in === 'query' && !['limit', 'offset'].includes(p.name));
      expect(
        [row.permission, row.schema, row.list, row.parameters],
        `docs/server.md: ${row.method} ${row.route}`,
      ).toEqual([
        op['x-cto-permission'],
        op['x-cto-schema'] ?? '',
        op['x-cto-list'] ?? '',
        params.map((p) => p.name),
      ]);
    }
  });

  test('the audit trail cannot be changed through the API: writing methods are refused, the rows stay', async () => {
    const before = await store.db.selectFrom('audit').selectAll().orderBy('id').execute();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${base}/api/v1/audit`, {
        method,
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, method).toBe(404);
      await res.arrayBuffer();
    }
    const after = await store.db.selectFrom('audit').selectAll().orderBy('id').execute();
    expect(after).toEqual(before);
    const listed = (await (await get('/api/v1/audit?limit=1', tokens.admin)).json()) as {
      page: { total: number };
      entries: { action: string }[];
    };
    expect(listed.page.total).toBe(before.length);
    expect(listed.entries).toHaveLength(1);
  });

  test('a request body over the limit is refused without a stack trace', async () => {
    const res = await fetch(`${base}/api/v1/repositories`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.member}`, 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'y'.repeat(100_000) }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const body = await res.text();
    expect(body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('start-up', () => {
  test('a route without a permission stops the server from starting', async () => {
    const store = await openStore(freshStoreTarget('sqlite'));
    try {
      const bare: ApiRoute = {
        method: 'GET',
        url: '/api/v1/open',
        permission: undefined,
        summary: 'no permission',
        schema: 'cto.open/v1',
        query: z.object({}),
        handler: async () => ({}),
      };
      await expect(
        buildServer({ store, ws: loadWorkspace(tempDir()), routes: [...API_ROUTES, bare] }),
      ).rejects.toThrow(/\/api\/v1\/open declares no permission/);
      // Routes added to the Fastify instance directly, bypassing the table, are refused as well.
      const app = await buildServer({ store, ws: loadWorkspace(tempDir()) });
      expect(() => app.get('/api/v1/sneaky', async () => ({}))).toThrow(/declares no permission/);
      await app.close();
    } finally {
      await store.close();
    }
  });

  test('a client past the rate limit gets 429 RATE_LIMITED', async () => {
    const store = await openStore(freshStoreTarget('sqlite'));
    const app = await buildServer({ store, ws: loadWorkspace(tempDir()), rateLimit: 3 });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${base}/api/v1/risks`);
        statuses.push(res.status);
        if (res.status === 429) {
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        } else await res.arrayBuffer();
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
