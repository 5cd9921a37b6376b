import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/report/render-pdf.ts';
import { addUser } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/server.ts';
import { auditRows } from '../../src/store/accounts.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { loadWorkspace } from '../../src/workspace.ts';
import { buildDashboard } from '../helpers/browser.ts';
import { cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

const browserPresent = existsSync(CHROMIUM_PATH);
const WAIT = { timeout: 30_000, interval: 100 };
const SECRET = 'a client secret long enough for HS256 checks 0123456789';

describe.skipIf(!browserPresent)('single sign-on in Chromium', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let idp: Server;
  let browser: Browser;
  /** Problems on cto's own pages (the provider's development pages are not cto's). */
  const problems: string[] = [];

  function watch(page: Page): void {
    const ours = (url: string) => url.startsWith(base);
    page.on('console', (m) => {
      if (m.type() === 'error' && ours(page.url())) problems.push(`console: ${m.text()} (${page.url()})`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message} (${page.url()})`));
    page.on('response', (r) => {
      if (r.status() >= 400 && ours(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  }

  beforeAll(async () => {
    await buildDashboard();
    store = await openStore(join(tempDir('cto-sso-'), 'cto.db'));
    await addUser(store, { email: 'ada@example.com', role: 'member', password: 'a long unused password' });
    let handler: (req: never, res: never) => void = () => undefined;
    idp = createServer((req, res) => handler(req as never, res as never));
    await new Promise<void>((done) => idp.listen(0, '127.0.0.1', done));
    const issuer = `http://localhost:${(idp.address() as AddressInfo).port}`;
    app = await buildServer({
      store,
      ws: loadWorkspace(tempDir()),
      oidc: {
        issuer,
        client_id: 'cto',
        client_secret: SECRET,
        scopes: 'openid email profile',
        require_verified_email: true,
      },
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'cto',
          client_secret: SECRET,
          redirect_uris: [`${base}/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      cookies: { keys: ['a test cookie key'] },
      findAccount: (_ctx, id) => ({
        accountId: id,
        claims: () => ({ sub: id, email: `${id}@example.com`, email_verified: true }),
      }),
    });
    handler = provider.callback() as never;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    idp?.closeAllConnections();
    await new Promise((done) => idp?.close(done));
    await store?.close();
    cleanupTemp();
  });

  /** From the sign-in page through the provider's forms as `login`; back on cto's site. */
  async function signInAs(page: Page, login: string): Promise<void> {
    await page.goto(`${base}/login`);
    const button = page.getByRole('link', { name: 'Sign in with single sign-on' });
    await expect.poll(() => button.count(), WAIT).toBe(1);
    await button.click();
    await page.locator('input[name="login"]').fill(login, WAIT);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click(WAIT);
    await page.waitForURL((u) => u.href.startsWith(base), WAIT);
  }

  test('the button signs in through the provider and opens the dashboard as the mapped account', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await signInAs(page, 'ada');
    await expect.poll(() => page.locator('.who-email').textContent(), WAIT).toBe('ada@example.com (member)');
    expect(new URL(page.url()).pathname).toBe('/');
    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name === 'cto_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(cookies.some((c) => c.name === 'cto_oidc')).toBe(false);
    const login = (await auditRows(store, 20)).find((r) => r.action === 'login');
    expect(login?.actor).toBe('ada@example.com');
    expect(JSON.parse(login?.detail ?? '{}')).toMatchObject({ method: 'oidc' });
    // Before signing in, the dashboard asks who is signed in (401); nothing else goes wrong.
    expect(problems.filter((p) => !/HTTP 401: .*\/api\/v1\/session$|status of 401/.test(p))).toEqual([]);
    await context.close();
  });

  test('an identity with no account comes back to the sign-in page, which says why', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, 'nobody');
    expect(new URL(page.url()).search).toBe('?sso_error=unknown_user');
    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toContain('no account has that e-mail address');
    expect((await context.cookies(base)).some((c) => c.name === 'cto_session')).toBe(false);
    await context.close();
  });
});
