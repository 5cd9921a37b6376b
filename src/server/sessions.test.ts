import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { auditRows, insertUser } from '../store/accounts.ts';
import { openStore, type Store } from '../store/store.ts';
import { TOOL_VERSION } from '../version.ts';
import { loadWorkspace } from '../workspace.ts';
import { createToken, setDisabled } from './accounts.ts';
import { hashPassword } from './credentials.ts';
import { API_ROUTES } from './routes/index.ts';
import type { ApiRoute } from './routes/route.ts';
import { buildServer } from './server.ts';
import { SESSION } from './sessions.ts';
import { THROTTLE } from './throttle.ts';

afterAll(async () => {
  await dropTestSchemas();
});

const PASSWORD = 'correct horse battery staple';
const CHEAP_N = 2 ** 10;

/** A state-changing route with a body, as the other areas add them: the pipeline is what is tested. */
const ECHO: ApiRoute = {
  method: 'POST',
  url: '/api/v1/test/echo',
  permission: 'users:admin',
  summary: 'echo',
  schema: 'cto.echo/v1',
  body: z.object({ word: z.string().min(1) }),
  status: 201,
  handler: async ({ body, caller }) => ({ word: (body as { word: string }).word, via: caller.via }),
};

describe.each(ENGINES)('sessions on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    store = await openStore(freshStoreTarget(engine));
    // Users stored with a cheap scrypt cost: sign-ins are what is tested, not the cost (credentials.test.ts).
    const hash = await hashPassword(PASSWORD, CHEAP_N);
    for (const email of ['ada@example.com', 'bo@example.com', 'cy@example.com', 'di@example.com']) {
      await insertUser(store, { email, role: 'admin', passwordHash: hash, now: new Date().toISOString() });
    }
    app = await buildServer({ store, ws: loadWorkspace(tempDir()), routes: [...API_ROUTES, ECHO] });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const login = (email: string, password: string) =>
    fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  const signIn = async (email: string) => {
    const res = await login(email, PASSWORD);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      schema: string;
      user: { email: string; role: string };
      csrfToken: string;
    };
    const setCookie = res.headers.get('set-cookie') ?? '';
    return { doc, setCookie, cookie: setCookie.split(';')[0] as string };
  };

  const echo = (headers: Record<string, string>, body: unknown = { word: 'hi' }) =>
    fetch(`${base}/api/v1/test/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  test('signing in returns the session document and an HttpOnly, SameSite=Strict cookie; GET reads it back', async () => {
    const { doc, setCookie, cookie } = await signIn('Ada@Example.com');
    expect(doc.schema).toBe('cto.session/v1');
    expect(doc.user).toEqual({ email: 'ada@example.com', role: 'admin' });
    expect(doc.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toMatch(/^cto_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Secure/); // plain HTTP here; over HTTPS see tls.test.ts
    const expires = Date.parse(/Expires=([^;]+)/.exec(setCookie)?.[1] ?? '');
    expect(expires - Date.now()).toBeGreaterThan(SESSION.absoluteMs - 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(SESSION.absoluteMs);
    const again = await fetch(`${base}/api/v1/session`, { headers: { cookie } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(doc);
    // Only a hash of the cookie's secret is stored.
    const secret = cookie.split('=')[1] as string;
    expect(JSON.stringify(await store.db.selectFrom('sessions').selectAll().execute())).not.toContain(secret);
    const rows = await auditRows(store);
    expect(rows.find((r) => r.action === 'login')?.actor).toBe('ada@example.com');
  });

  test('a cookie-authenticated change needs the CSRF token: none or a wrong one is 403, the right one passes', async () => {
    const { doc, cookie } = await signIn('ada@example.com');
    const none = await echo({ cookie });
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const wrong = await echo({ cookie, 'x-csrf-token': `${doc.csrfToken.slice(0, -1)}x` });
    expect(wrong.status).toBe(403);
    await wrong.arrayBuffer();
    const short = await echo({ cookie, 'x-csrf-token': 'x' });
    expect(short.status).toBe(403);
    await short.arrayBuffer();
    const ok = await echo({ cookie, 'x-csrf-token': doc.csrfToken });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({
      schema: 'cto.echo/v1',
      tool: { name: 'cto', version: TOOL_VERSION },
      word: 'hi',
      via: 'session',
    });
    // Another session's token does not fit this one.
    const other = await signIn('bo@example.com');
    const crossed = await echo({ cookie, 'x-csrf-token': other.doc.csrfToken });
    expect(crossed.status).toBe(403);
    await crossed.arrayBuffer();
    const denied = (await auditRows(store)).filter(
      (r) => r.action === 'access.denied' && JSON.parse(r.detail).reason === 'csrf',
    );
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });

  test('a bearer token needs no CSRF token but the scope; bodies are validated; only JSON is taken', async () => {
    const write = await createToken(store, {
      email: 'ada@example.com',
      name: 'w',
      expiresAt: null,
      scopes: ['read', 'write', 'admin'],
    });
    const read = await createToken(store, { email: 'ada@example.com', name: 'r', expiresAt: null });
    const ok = await echo({ authorization: `Bearer ${write.token}` });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { via: string }).via).toBe('token');
    const scoped = await echo({ authorization: `Bearer ${read.token}` });
    expect(scoped.status).toBe(403);
    expect(((await scoped.json()) as { error: { message: string } }).error.message).toMatch(/scope admin/);
    const bad = await echo({ authorization: `Bearer ${write.token}` }, { word: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('USAGE');
    const { doc, cookie } = await signIn('ada@example.com');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await fetch(`${base}/api/v1/test/echo`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': doc.csrfToken, 'content-type': type },
        body: type === 'text/plain' ? '{"word":"hi"}' : 'word=hi',
      });
      expect(res.status, type).toBe(415);
      await res.arrayBuffer();
    }
  });

  test('logout needs the CSRF token and ends the session on the server: the old cookie is refused', async () => {
    const { doc, cookie } = await signIn('ada@example.com');
    const noCsrf = await fetch(`${base}/api/v1/session`, { method: 'DELETE', headers: { cookie } });
    expect(noCsrf.status).toBe(403);
    await noCsrf.arrayBuffer();
    const out = await fetch(`${base}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': doc.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^cto_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await fetch(`${base}/api/v1/session`, { headers: { cookie } });
    expect(after.status).toBe(401);
    await after.arrayBuffer();
    const rows = await auditRows(store);
    expect(rows.some((r) => r.action === 'logout' && r.actor === 'ada@example.com')).toBe(true);
    expect(JSON.parse(rows.find((r) => r.action === 'auth.failed')?.detail ?? '{}').reason).toBe(
      'ended session',
    );
  });

  test('sessions end when idle too long, past their absolute lifetime, and when the user is disabled', async () => {
    const status = async (cookie: string) => {
      const res = await fetch(`${base}/api/v1/session`, { headers: { cookie } });
      await res.arrayBuffer();
      return res.status;
    };
    const idle = await signIn('cy@example.com');
    const old = await signIn('cy@example.com');
    const gone = await signIn('cy@example.com');
    const ids = (
      await store.db.selectFrom('sessions').select('id').orderBy('id', 'desc').limit(3).execute()
    ).map((r) => r.id);
    const [goneId, oldId, idleId] = ids as [number, number, number];
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: ago(SESSION.idleMs + 1000) })
      .where('id', '=', idleId)
      .execute();
    await store.db
      .updateTable('sessions')
      .set({ expires_at: ago(1000), last_seen_at: ago(1000) })
      .where('id', '=', oldId)
      .execute();
    expect(await status(idle.cookie)).toBe(401);
    expect(await status(old.cookie)).toBe(401);
    expect(await status(gone.cookie)).toBe(200);
    // Just inside the idle limit the session lives and is touched.
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: ago(SESSION.idleMs - 60_000) })
      .where('id', '=', goneId)
      .execute();
    expect(await status(gone.cookie)).toBe(200);
    const touched = await store.db
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('id', '=', goneId)
      .executeTakeFirstOrThrow();
    expect(Date.now() - Date.parse(touched.last_seen_at)).toBeLessThan(SESSION.idleMs / 2);
    await setDisabled(store, 'cy@example.com', true);
    expect(await status(gone.cookie)).toBe(401);
    const reasons = (await auditRows(store))
      .filter((r) => r.action === 'auth.failed')
      .slice(0, 3)
      .map((r) => JSON.parse(r.detail).reason);
    // Disabling a user ends their sessions in the store (cto users disable).
    expect(reasons).toEqual(['ended session', 'expired session', 'idle session']);
  });

  test('wrong password and unknown user get the same answer; failures are throttled per account with backoff', async () => {
    const wrong = await login('di@example.com', 'not the password');
    const unknown = await login('nobody@example.com', 'not the password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    for (let i = 1; i < THROTTLE.freeFailures.account; i++) {
      const res = await login('di@example.com', `guess ${i}`);
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    }
    // The account is now blocked: even the right password is not checked.
    const blocked = await login('di@example.com', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    const wait = Number(blocked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(THROTTLE.firstBlockMs / 1000);
    // Other accounts from the same address still sign in.
    expect((await login('bo@example.com', PASSWORD)).status).toBe(200);
    const row = await store.db
      .selectFrom('login_failures')
      .selectAll()
      .where('key', '=', 'account:di@example.com')
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(THROTTLE.freeFailures.account);
    // Once the block has passed, the next failure blocks for twice as long.
    const past = new Date(Date.now() - 1000).toISOString();
    await store.db
      .updateTable('login_failures')
      .set({ blocked_until: past })
      .where('key', '=', row.key)
      .execute();
    const sixth = await login('di@example.com', 'guess 6');
    expect(sixth.status).toBe(401);
    await sixth.arrayBuffer();
    const doubled = await login('di@example.com', PASSWORD);
    expect(doubled.status).toBe(429);
    expect(Number(doubled.headers.get('retry-after'))).toBeGreaterThan(THROTTLE.firstBlockMs / 1000);
    // After it passes, the right password signs in and the account's count is forgotten.
    await store.db
      .updateTable('login_failures')
      .set({ blocked_until: past })
      .where('key', '=', row.key)
      .execute();
    expect((await login('di@example.com', PASSWORD)).status).toBe(200);
    expect(
      await store.db.selectFrom('login_failures').selectAll().where('key', '=', row.key).executeTakeFirst(),
    ).toBeUndefined();
    const actions = (await auditRows(store)).map((r) => r.action);
    expect(actions.filter((a) => a === 'login.failed').length).toBeGreaterThanOrEqual(7);
    expect(actions).toContain('login.throttled');
    const failed = (await auditRows(store)).find((r) => r.action === 'login.failed');
    expect(failed?.source).toBe('127.0.0.1');
  });
});
