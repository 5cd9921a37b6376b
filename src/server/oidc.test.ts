// Single sign-on against a real OpenID provider (oidc-provider) started here on 127.0.0.1: the browser's
// redirects are followed by hand, the provider's sign-in and consent forms submitted with fetch.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { auditRows, findUser, insertUser } from '../store/accounts.ts';
import { openStore, type Store } from '../store/store.ts';
import { configSchema, loadWorkspace, type Workspace } from '../workspace.ts';
import { setDisabled } from './accounts.ts';
import { oidcSettings } from './oidc.ts';
import { buildServer } from './server.ts';

afterAll(async () => {
  await dropTestSchemas();
});

const SECRET = 'a client secret long enough for HS256 checks 0123456789';

/** The provider's people, by the login name typed at its sign-in form. */
const IDENTITIES: Record<string, { email: string; email_verified: boolean }> = {
  ada: { email: 'Ada@Example.com', email_verified: true },
  nobody: { email: 'nobody@example.com', email_verified: true },
  eve: { email: 'eve@example.com', email_verified: false },
  dis: { email: 'dis@example.com', email_verified: true },
  newbie: { email: 'newbie@example.com', email_verified: true },
  outsider: { email: 'out@other.org', email_verified: true },
};

/** Cookies of one host, as a browser keeps them (paths and expiry beyond deletion are not needed here). */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  header(): Record<string, string> {
    const text = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return text ? { cookie: text } : {};
  }
}

/** An audit row's detail (stored as JSON text). */
function detail(row: { detail: string }): Record<string, unknown> {
  return JSON.parse(row.detail) as Record<string, unknown>;
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each(ENGINES)('single sign-on on %s', (engine) => {
  let store: Store;
  let providerServer: Server;
  let issuer: string;
  /** Two servers on one store: mapping to existing accounts only, and creating accounts. */
  const apps: Record<'plain' | 'auto', { app: FastifyInstance; base: string }> = {} as never;

  beforeAll(async () => {
    store = await openStore(freshStoreTarget(engine));
    const now = new Date().toISOString();
    for (const [email, role] of [
      ['ada@example.com', 'member'],
      ['eve@example.com', 'member'],
      ['dis@example.com', 'board'],
    ] as const) {
      await insertUser(store, { email, role, passwordHash: null, now });
    }
    await setDisabled(store, 'dis@example.com', true);
    let handler: (req: never, res: never) => void = () => undefined;
    providerServer = createServer((req, res) => handler(req as never, res as never));
    issuer = await listening(providerServer);
    const dir = tempDir();
    const ws = (oidc: Record<string, unknown>): Workspace => ({
      ...loadWorkspace(dir),
      config: { server: { oidc: { issuer, client_id: 'cto', client_secret: SECRET, ...oidc } } } as never,
    });
    for (const [key, extra] of [
      ['plain', {}],
      ['auto', { auto_create: { role: 'lead' }, allowed_domains: ['example.com'] }],
    ] as const) {
      const w = ws(extra);
      // The settings as cto.yaml's schema leaves them (defaults filled in).
      w.config = configSchema.parse(w.config);
      const app = await buildServer({ store, ws: w, oidc: oidcSettings(w.config, {}) });
      apps[key] = { app, base: await app.listen({ host: '127.0.0.1', port: 0 }) };
    }
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'cto',
          client_secret: SECRET,
          redirect_uris: Object.values(apps).map((a) => `${a.base}/auth/oidc/callback`),
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      cookies: { keys: ['a test cookie key'] },
      findAccount: (_ctx, id) => {
        const who = IDENTITIES[id];
        if (!who) return undefined;
        return { accountId: id, claims: () => ({ sub: id, name: id, ...who }) };
      },
    });
    handler = provider.callback() as never;
  }, 60_000);

  afterAll(async () => {
    for (const a of Object.values(apps)) await a.app.close();
    providerServer?.closeAllConnections();
    await new Promise((resolve) => providerServer?.close(resolve));
    await store?.close();
  });

  /**
   * Start at cto's /auth/oidc/login and follow the browser's way through the provider (its sign-in
   * form as `login`, then its consent form) until it sends the browser back to cto's callback.
   */
  async function toCallback(base: string, login: string): Promise<{ callback: URL; cto: Jar }> {
    const cto = new Jar();
    const idp = new Jar();
    const start = await fetch(`${base}/auth/oidc/login`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    cto.take(start);
    expect(cto.has('cto_oidc')).toBe(true);
    let url = new URL(start.headers.get('location') as string);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    for (let step = 0; step < 12; step++) {
      if (url.origin === base) return { callback: url, cto };
      let res = await fetch(url, { redirect: 'manual', headers: idp.header() });
      idp.take(res);
      if (res.status === 200) {
        const html = await res.text();
        const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
        expect(['login', 'consent']).toContain(prompt);
        const form = new URLSearchParams({ prompt: prompt as string });
        if (prompt === 'login') {
          form.set('login', login);
          form.set('password', 'any');
        }
        res = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...idp.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        });
        idp.take(res);
      }
      expect([302, 303], await res.clone().text()).toContain(res.status);
      url = new URL(res.headers.get('location') as string, url);
    }
    throw new Error('the provider never sent the browser back');
  }

  /** The callback as the browser opens it, with cto's cookies. */
  async function callback(flow: { callback: URL; cto: Jar }) {
    const res = await fetch(flow.callback, { redirect: 'manual', headers: flow.cto.header() });
    expect(res.status).toBe(303);
    flow.cto.take(res);
    return { location: res.headers.get('location'), jar: flow.cto };
  }

  const failures = async (failure: string) =>
    (await auditRows(store, 1000)).filter(
      (r) => r.action === 'login.failed' && detail(r).failure === failure,
    );

  test('the sign-in page learns that single sign-on is configured', async () => {
    const res = await fetch(`${apps.plain.base}/api/v1/session/options`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      schema: 'cto.login-options/v1',
      password: true,
      sso: { configured: true, loginUrl: '/auth/oidc/login' },
    });
  });

  test('a verified e-mail signs in to its account: the session cookie, /api/v1/session, the audit row', async () => {
    const flow = await toCallback(apps.plain.base, 'ada');
    const sentCookies = flow.cto.header();
    const { location, jar } = await callback(flow);
    expect(location).toBe('/');
    expect(jar.has('cto_session')).toBe(true);
    expect(jar.has('cto_oidc')).toBe(false);
    const res = await fetch(`${apps.plain.base}/api/v1/session`, { headers: jar.header() });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { user: { email: string; role: string }; csrfToken: string };
    expect(doc.user).toEqual({ email: 'ada@example.com', role: 'member' });
    expect(doc.csrfToken).toMatch(/^[\w-]{43}$/);
    const logins = (await auditRows(store, 1000)).filter(
      (r) => r.action === 'login' && r.actor === 'ada@example.com',
    );
    expect(logins.map((r) => detail(r).method)).toContain('oidc');
    const session = await store.db
      .selectFrom('sessions')
      .select('method')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    expect(session?.method).toBe('oidc');
    // The sign-in under way is used once: the same redirect back with the same cookie is refused.
    const again = await fetch(flow.callback, { redirect: 'manual', headers: sentCookies });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/login?sso_error=no_sign_in');
  });

  test('a wrong state is refused and audited; no session is opened', async () => {
    const flow = await toCallback(apps.plain.base, 'ada');
    flow.callback.searchParams.set('state', 'not-the-state-cto-sent');
    const before = (await failures('state')).length;
    const { location, jar } = await callback(flow);
    expect(location, JSON.stringify((await auditRows(store, 1))[0])).toBe('/login?sso_error=state');
    expect(jar.has('cto_session')).toBe(false);
    expect((await failures('state')).length).toBe(before + 1);
  });

  test('an e-mail with no account is refused (no auto_create) and audited with the reason', async () => {
    const { location, jar } = await callback(await toCallback(apps.plain.base, 'nobody'));
    expect(location).toBe('/login?sso_error=unknown_user');
    expect(jar.has('cto_session')).toBe(false);
    const rows = await failures('unknown_user');
    expect(rows.map((r) => r.actor)).toContain('nobody@example.com');
    expect(detail(rows[0] as { detail: string })).toMatchObject({
      method: 'oidc',
      reason: 'no account has this e-mail',
    });
    expect(await findUser(store, 'nobody@example.com')).toBeUndefined();
  });

  test('an e-mail the provider does not say is verified is refused', async () => {
    const { location, jar } = await callback(await toCallback(apps.plain.base, 'eve'));
    expect(location).toBe('/login?sso_error=email_unverified');
    expect(jar.has('cto_session')).toBe(false);
    expect((await failures('email_unverified')).map((r) => r.actor)).toContain('eve@example.com');
  });

  test('a disabled account is refused', async () => {
    const { location, jar } = await callback(await toCallback(apps.plain.base, 'dis'));
    expect(location).toBe('/login?sso_error=disabled_user');
    expect(jar.has('cto_session')).toBe(false);
  });

  test('auto_create makes the account with the configured role; allowed_domains keeps other domains out', async () => {
    const { location, jar } = await callback(await toCallback(apps.auto.base, 'newbie'));
    expect(location).toBe('/');
    const res = await fetch(`${apps.auto.base}/api/v1/session`, { headers: jar.header() });
    expect(((await res.json()) as { user: unknown }).user).toEqual({
      email: 'newbie@example.com',
      role: 'lead',
    });
    const user = await findUser(store, 'newbie@example.com');
    expect(user?.role).toBe('lead');
    expect(user?.password_hash).toBeNull();
    const created = (await auditRows(store, 1000)).find((r) => r.action === 'user.created');
    expect(detail(created as { detail: string })).toMatchObject({
      email: 'newbie@example.com',
      role: 'lead',
      by: 'oidc',
    });
    const out = await callback(await toCallback(apps.auto.base, 'outsider'));
    expect(out.location).toBe('/login?sso_error=domain');
    expect(await findUser(store, 'out@other.org')).toBeUndefined();
  });

  test('a callback without the browser cookie of the sign-in is refused', async () => {
    const flow = await toCallback(apps.plain.base, 'ada');
    const res = await fetch(flow.callback, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?sso_error=no_sign_in');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('cto_session='))).toBe(false);
  });
});

describe('single sign-on settings', () => {
  test('not configured: the options say so and the routes answer 404', async () => {
    const store = await openStore(freshStoreTarget('sqlite'));
    const app = await buildServer({ store, ws: loadWorkspace(tempDir()), oidc: null });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const options = (await (await fetch(`${base}/api/v1/session/options`)).json()) as {
        sso: { configured: boolean };
      };
      expect(options.sso.configured).toBe(false);
      const res = await fetch(`${base}/auth/oidc/login`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    } finally {
      await app.close();
      await store.close();
    }
  });

  test('a bad server.oidc in cto.yaml is CONFIG_INVALID naming the key', () => {
    const invalid = (oidc: string) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'cto.yaml'), `server:\n  oidc:\n${oidc}`);
      try {
        loadWorkspace(dir);
      } catch (e) {
        return `${(e as { code: string }).code} ${(e as Error).message}`;
      }
      return 'valid';
    };
    const ok = '    issuer: https://id.example.com\n    client_id: cto\n';
    expect(invalid(ok)).toBe('valid');
    expect(invalid(`${ok}    auto_create:\n      role: admin\n`)).toMatch(
      /^CONFIG_INVALID cto\.yaml:\d+: server\.oidc\.auto_create\.role: member, lead or board/,
    );
    expect(invalid('    issuer: http://id.example.com\n    client_id: cto\n')).toMatch(
      /^CONFIG_INVALID .*server\.oidc\.issuer: must be https/,
    );
    expect(invalid(`${ok}    scopes: email profile\n`)).toMatch(/server\.oidc\.scopes: must include openid/);
    expect(invalid(`${ok}    allowed_domain: [example.com]\n`)).toMatch(
      /server\.oidc\.allowed_domain: unknown key \(did you mean "allowed_domains"\?\)/,
    );
    expect(invalid('    client_id: cto\n')).toMatch(/server\.oidc\.issuer/);
  });

  test('the client secret comes from CTO_OIDC_CLIENT_SECRET first, and one is needed', () => {
    const config = { server: { oidc: { issuer: 'https://id.example.com', client_id: 'cto' } } } as never;
    expect(oidcSettings(config, { CTO_OIDC_CLIENT_SECRET: 's3cret' })?.client_secret).toBe('s3cret');
    expect(() => oidcSettings(config, {})).toThrow(/server\.oidc\.client_secret/);
  });

  test('a provider that cannot be reached sends the browser back with a reason, audited', async () => {
    const store = await openStore(freshStoreTarget('sqlite'));
    // A port nothing listens on: bound, then closed.
    const closed = createServer();
    const issuer = await listening(closed);
    await new Promise((resolve) => closed.close(resolve));
    const app = await buildServer({
      store,
      ws: loadWorkspace(tempDir()),
      oidc: {
        issuer,
        client_id: 'cto',
        client_secret: SECRET,
        scopes: 'openid email',
        require_verified_email: true,
      },
    });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const res = await fetch(`${base}/auth/oidc/login`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?sso_error=provider_unavailable');
      const row = (await auditRows(store, 10)).find((r) => r.action === 'login.failed');
      expect(String(detail(row as { detail: string }).reason)).toContain(`the OpenID provider ${issuer}`);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
