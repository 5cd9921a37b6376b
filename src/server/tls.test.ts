// HTTPS directly (--tls-cert/--tls-key) and behind a proxy (--trust-proxy): HSTS, the cookie's Secure
// flag and the client address follow what the connection or a trusted proxy says, nothing else.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { freshStoreTarget } from '../../test/helpers/stores.ts';
import { auditRows, insertUser } from '../store/accounts.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { hashPassword } from './credentials.ts';
import { buildServer } from './server.ts';

const PASSWORD = 'a long password for tls';
const LOGIN = JSON.stringify({ email: 'ada@example.com', password: PASSWORD });

let store: Store;
const apps: FastifyInstance[] = [];
let cert: Buffer;
let key: Buffer;

beforeAll(async () => {
  const dir = tempDir();
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  cert = readFileSync(join(dir, 'cert.pem'));
  key = readFileSync(join(dir, 'key.pem'));
  store = await openStore(freshStoreTarget('sqlite'));
  // A cheap scrypt cost: TLS is what is tested here.
  const passwordHash = await hashPassword(PASSWORD, 2 ** 10);
  await insertUser(store, {
    email: 'ada@example.com',
    role: 'member',
    passwordHash,
    now: new Date().toISOString(),
  });
}, 60_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await store?.close();
});

async function serve(options: { tls?: { cert: Buffer; key: Buffer }; trustProxy?: boolean | string }) {
  const app = await buildServer({ store, ws: loadWorkspace(tempDir()), webhookKey: null, ...options });
  apps.push(app);
  return app.listen({ host: '127.0.0.1', port: 0 });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTPS request that trusts only the test's own certificate. */
function httpsPost(url: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca: cert, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const login = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: LOGIN,
  });

describe('TLS and proxies', () => {
  test('over HTTPS: HSTS on every answer and a Secure session cookie', async () => {
    const base = await serve({ tls: { cert, key } });
    expect(base).toMatch(/^https:/);
    const res = await httpsPost(`${base}/api/v1/session`, LOGIN);
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^cto_session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    const refused = await httpsPost(`${base}/api/v1/risks`, '{}');
    expect(refused.status).toBe(404); // no POST route there, and still HSTS
    expect(refused.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  test('plain HTTP: no HSTS, no Secure flag, and X-Forwarded-* ignored without --trust-proxy', async () => {
    const base = await serve({});
    const res = await login(base, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect((await auditRows(store)).find((r) => r.action === 'login')?.source).toBe('127.0.0.1');
  });

  test('behind a trusted proxy: its X-Forwarded-Proto https brings HSTS and Secure, its X-Forwarded-For the address', async () => {
    const base = await serve({ trustProxy: '127.0.0.1' });
    const res = await login(base, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    expect((await auditRows(store)).find((r) => r.action === 'login')?.source).toBe('203.0.113.9');
    const plain = await login(base, { 'x-forwarded-proto': 'http' });
    await plain.arrayBuffer();
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    // A proxy that is not the trusted one is not believed.
    const other = await serve({ trustProxy: '10.0.0.1' });
    const spoofed = await login(other, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' });
    await spoofed.arrayBuffer();
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
    expect((await auditRows(store)).find((r) => r.action === 'login')?.source).toBe('127.0.0.1');
  });
});
