import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { auditRows, insertUser } from '../store/accounts.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { createToken } from './accounts.ts';
import { hashPassword } from './credentials.ts';
import { API_ROUTES } from './routes/index.ts';
import { buildServer } from './server.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

afterAll(async () => {
  await dropTestSchemas();
});

const PASSWORD = 'correct horse battery staple';

describe('the audit trail is append-only', () => {
  test('no route but GET reaches /api/v1/audit, and no store code updates or deletes an audit row', () => {
    const audit = API_ROUTES.filter((r) => r.url.startsWith('/api/v1/audit'));
    expect(audit.map((r) => r.method)).toEqual(['GET']);
    const dir = join(import.meta.dirname, '../store');
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(sources.length).toBeGreaterThan(20);
    const writes = sources.filter((t) => /(updateTable|deleteFrom)\(\s*['"]audit['"]/.test(t));
    expect(writes).toEqual([]);
    expect(sources.some((t) => /insertInto\(\s*['"]audit['"]/.test(t))).toBe(true);
  });
});

describe.each(ENGINES)('users and settings over the API on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let target: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    target = freshStoreTarget(engine);
    store = await openStore(target);
    // A cheap scrypt cost for the accounts made here: the routes are what is tested.
    const hash = await hashPassword(PASSWORD, 2 ** 10);
    for (const [email, role] of [
      ['root@example.com', 'admin'],
      ['bo@example.com', 'member'],
      ['cy@example.com', 'member'],
    ] as const) {
      await insertUser(store, { email, role, passwordHash: hash, now: new Date().toISOString() });
    }
    const token = async (email: string, scopes: string[]) =>
      (await createToken(store, { email, name: 't', expiresAt: null, scopes })).token;
    tokens.admin = await token('root@example.com', ['read', 'write', 'admin']);
    tokens.adminRead = await token('root@example.com', ['read', 'write']);
    tokens.bo = await token('bo@example.com', ['read']);
    app = await buildServer({ store, ws: loadWorkspace(tempDir()) });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const send = (method: string, url: string, token: string | undefined, body?: unknown) =>
    fetch(`${base}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = (email: string, password: string) =>
    send('POST', '/api/v1/session', undefined, { email, password });
  const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  test('an admin adds a user: the one-time password is returned once and signs in; audited', async () => {
    const res = await send('POST', '/api/v1/users', tokens.admin, {
      email: 'New@Example.com',
      role: 'board',
    });
    expect(res.status).toBe(201);
    const doc = (await res.json()) as {
      schema: string;
      user: { email: string; role: string; disabledAt: string | null };
      oneTimePassword: string;
    };
    expect(doc.schema).toBe('cto.user-created/v1');
    expect(doc.user).toMatchObject({ email: 'new@example.com', role: 'board', disabledAt: null });
    expect(doc.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const signIn = await login('new@example.com', doc.oneTimePassword);
    expect(signIn.status).toBe(200);
    await signIn.arrayBuffer();
    // Listed, but the password is never returned again.
    const list = await (await send('GET', '/api/v1/users', tokens.admin)).text();
    expect(list).toContain('new@example.com');
    expect(list).not.toContain(doc.oneTimePassword);
    const row = (await auditRows(store)).find((r) => r.action === 'user.created');
    expect(row).toMatchObject({ actor: 'root@example.com', source: '127.0.0.1' });
    expect(JSON.parse(row?.detail ?? '{}')).toEqual({ email: 'new@example.com', role: 'board' });
    // Again: 409 USER_EXISTS; a bad role or a short password: 400 USAGE.
    const again = await send('POST', '/api/v1/users', tokens.admin, {
      email: 'new@example.com',
      role: 'board',
    });
    expect([again.status, await code(again)]).toEqual([409, 'USER_EXISTS']);
    for (const body of [
      { email: 'x@example.com', role: 'owner' },
      { email: 'x@example.com', role: 'member', password: 'short' },
      { email: 'x@example.com', role: 'member', extra: 1 },
    ]) {
      const bad = await send('POST', '/api/v1/users', tokens.admin, body);
      expect([bad.status, await code(bad)], JSON.stringify(body)).toEqual([400, 'USAGE']);
    }
  });

  test('a role change takes effect at once and is audited with the old and new role; disabling stops the token', async () => {
    const before = await send('GET', '/api/v1/status', tokens.bo);
    expect(before.status).toBe(200);
    await before.arrayBuffer();
    const res = await send('PATCH', '/api/v1/users/bo@example.com', tokens.admin, { role: 'board' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { role: string } }).user.role).toBe('board');
    const after = await send('GET', '/api/v1/status', tokens.bo);
    expect(after.status).toBe(403);
    await after.arrayBuffer();
    const role = (await auditRows(store)).find((r) => r.action === 'user.role');
    expect(role).toMatchObject({ actor: 'root@example.com', source: '127.0.0.1' });
    expect(JSON.parse(role?.detail ?? '{}')).toEqual({
      email: 'bo@example.com',
      from: 'member',
      to: 'board',
    });
    const off = await send('PATCH', '/api/v1/users/bo@example.com', tokens.admin, { disabled: true });
    expect(((await off.json()) as { user: { disabledAt: string | null } }).user.disabledAt).not.toBeNull();
    const refused = await send('GET', '/api/v1/report/summary', tokens.bo);
    expect(refused.status).toBe(401);
    await refused.arrayBuffer();
    expect((await auditRows(store, 5)).map((r) => r.action)).toContain('user.disabled');
    const unknown = await send('PATCH', '/api/v1/users/nobody@example.com', tokens.admin, { role: 'member' });
    expect([unknown.status, await code(unknown)]).toEqual([404, 'USER_NOT_FOUND']);
    const empty = await send('PATCH', '/api/v1/users/cy@example.com', tokens.admin, {});
    expect([empty.status, await code(empty)]).toEqual([400, 'USAGE']);
  });

  test('changing users and settings needs the admin role, a token with the scope admin and, by cookie, the CSRF token', async () => {
    const noScope = await send('PUT', '/api/v1/settings', tokens.adminRead, { 'login.accountFailures': 9 });
    expect([noScope.status, await code(noScope)]).toEqual([403, 'FORBIDDEN']);
    const signIn = await login('cy@example.com', PASSWORD);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const member = await fetch(`${base}/api/v1/users`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'z@example.com', role: 'admin' }),
    });
    expect([member.status, await code(member)]).toEqual([403, 'FORBIDDEN']);
    const rootIn = await login('root@example.com', PASSWORD);
    const rootCookie = (rootIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const rootCsrf = ((await rootIn.json()) as { csrfToken: string }).csrfToken;
    const patch = (headers: Record<string, string>) =>
      fetch(`${base}/api/v1/users/cy@example.com`, {
        method: 'PATCH',
        headers: { cookie: rootCookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ role: 'lead' }),
      });
    const noCsrf = await patch({});
    expect([noCsrf.status, await code(noCsrf)]).toEqual([403, 'FORBIDDEN']);
    const withCsrf = await patch({ 'x-csrf-token': rootCsrf });
    expect(withCsrf.status).toBe(200);
    await withCsrf.arrayBuffer();
    const anonymous = await send('PUT', '/api/v1/settings', undefined, { 'login.accountFailures': 9 });
    expect([anonymous.status, await code(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(
      (await (await send('GET', '/api/v1/settings', tokens.admin)).json()) as { settings: object },
    ).toMatchObject({ settings: DEFAULT_SETTINGS });
  });

  test('a settings change is stored, audited with the old and new value, and the login throttle uses it', async () => {
    const bad = await send('PUT', '/api/v1/settings', tokens.admin, { 'login.accountFailures': 0 });
    expect([bad.status, await code(bad)]).toEqual([400, 'USAGE']);
    const unknown = await send('PUT', '/api/v1/settings', tokens.admin, { 'session.forever': true });
    expect([unknown.status, await code(unknown)]).toEqual([400, 'USAGE']);
    const res = await send('PUT', '/api/v1/settings', tokens.admin, {
      'login.accountFailures': 2,
      'login.addressFailures': DEFAULT_SETTINGS['login.addressFailures'],
    });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { schema: string; settings: Record<string, number>; changed: string[] };
    expect(doc.schema).toBe('cto.settings/v1');
    expect(doc.settings['login.accountFailures']).toBe(2);
    // Only what changed is audited.
    expect(doc.changed).toEqual(['login.accountFailures']);
    const rows = (await auditRows(store)).filter((r) => r.action === 'settings.changed');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'root@example.com', source: '127.0.0.1' });
    expect(JSON.parse(rows[0]?.detail ?? '{}')).toEqual({ key: 'login.accountFailures', from: 5, to: 2 });
    // Two wrong passwords now block the account: the right one is refused with 429 (the default allows five).
    for (const guess of ['guess one', 'guess two']) {
      const wrong = await login('root@example.com', guess);
      expect(wrong.status).toBe(401);
      await wrong.arrayBuffer();
    }
    const blocked = await login('root@example.com', PASSWORD);
    expect([blocked.status, await code(blocked)]).toEqual([429, 'RATE_LIMITED']);
    // Read back by a fresh read of the store, as another server on the same store would.
    const listed = (await (await send('GET', '/api/v1/settings', tokens.admin)).json()) as {
      settings: Record<string, number>;
      defaults: Record<string, number>;
    };
    expect(listed.settings['login.accountFailures']).toBe(2);
    expect(listed.defaults['login.accountFailures']).toBe(5);
  });

  test('cto settings set changes what the running server reads; audited with cli as who and where', async () => {
    const set = cto(['settings', 'set', 'login.firstBlockSeconds', '60', '--db', target, '-w', tempDir()]);
    expect(set.code, set.stderr).toBe(0);
    const listed = (await (await send('GET', '/api/v1/settings', tokens.admin)).json()) as {
      settings: Record<string, number>;
    };
    expect(listed.settings['login.firstBlockSeconds']).toBe(60);
    const row = (await auditRows(store, 1))[0];
    expect(row).toMatchObject({ actor: 'cli', source: 'cli', action: 'settings.changed' });
    expect(JSON.parse(row?.detail ?? '{}')).toEqual({ key: 'login.firstBlockSeconds', from: 30, to: 60 });
    const bad = cto(['settings', 'set', 'login.firstBlockSeconds', '0', '--db', target, '-w', tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('USAGE');
    const json = JSON.parse(cto(['settings', 'list', '--json', '--db', target, '-w', tempDir()]).stdout) as {
      schema: string;
      settings: Record<string, number>;
    };
    expect(json.schema).toBe('cto.settings/v1');
    expect(json.settings['login.firstBlockSeconds']).toBe(60);
  });

  test('session lifetimes are settings: a shorter idle limit ends a session the default keeps; the absolute one applies to new sessions', async () => {
    const signedIn = async () => {
      const res = await login('cy@example.com', PASSWORD);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const row = await store.db
        .selectFrom('sessions')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      return { cookie, row };
    };
    const unusedFor = (id: number, minutes: number) =>
      store.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(Date.now() - minutes * 60_000).toISOString() })
        .where('id', '=', id)
        .execute();
    const sessionStatus = async (cookie: string) => {
      const res = await fetch(`${base}/api/v1/session`, { headers: { cookie } });
      await res.arrayBuffer();
      return res.status;
    };
    const { cookie, row } = await signedIn();
    await unusedFor(row.id, 10);
    expect(await sessionStatus(cookie)).toBe(200);
    const put = await send('PUT', '/api/v1/settings', tokens.admin, {
      'session.idleMinutes': 5,
      'session.absoluteHours': 1,
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { changed: string[] }).changed).toEqual([
      'session.idleMinutes',
      'session.absoluteHours',
    ]);
    await unusedFor(row.id, 10);
    expect(await sessionStatus(cookie)).toBe(401);
    const failed = (await auditRows(store)).find((r) => r.action === 'auth.failed');
    expect(JSON.parse(failed?.detail ?? '{}')).toEqual({ reason: 'idle session' });
    // The old session kept its 12 hours; a new one gets 1.
    const hours = (r: { created_at: string; expires_at: string }) =>
      (Date.parse(r.expires_at) - Date.parse(r.created_at)) / 3_600_000;
    expect(hours(row)).toBe(12);
    expect(hours((await signedIn()).row)).toBe(1);
  });
});
