// The dashboard's files as `cto serve` serves them: the strict Content-Security-Policy on the HTML,
// a year's cache on hashed assets, the HTML for client routes, JSON 404s under /api, a clear 503 when
// the dashboard was not built. The store plays no part here, so one engine is enough.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace } from '../workspace.ts';
import { DASHBOARD_CSP } from './dashboard.ts';
import { buildServer } from './server.ts';

let store: Store;
let app: FastifyInstance;
let bare: FastifyInstance;
const HTML = '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>';

beforeAll(async () => {
  const web = tempDir();
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), HTML);
  writeFileSync(join(web, 'assets', 'index-AbC123.js'), 'console.log(1);\n');
  writeFileSync(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const ws = loadWorkspace(tempDir());
  store = await openStore(join(ws.dir, 'cto.db'));
  app = await buildServer({ store, ws, webDir: web });
  bare = await buildServer({ store, ws, webDir: join(web, 'missing') });
});

afterAll(async () => {
  await app?.close();
  await bare?.close();
  await store?.close();
  cleanupTemp();
});

test('the HTML at / and at every client route carries the strict policy and is revalidated', async () => {
  for (const url of ['/', '/areas/delivery', '/risks/vulnerability%3Ashop%3Aabc?x=1']) {
    const r = await app.inject({ method: 'GET', url });
    expect([url, r.statusCode, r.body]).toEqual([url, 200, HTML]);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  }
  expect(DASHBOARD_CSP).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  );
});

test('hashed assets are cached for a year; other files are revalidated; a missing file is a 404', async () => {
  const js = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
  expect([js.statusCode, js.body, js.headers['content-type']]).toEqual([
    200,
    'console.log(1);\n',
    'text/javascript; charset=utf-8',
  ]);
  expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
  expect([icon.statusCode, icon.headers['content-type'], icon.headers['cache-control']]).toEqual([
    200,
    'image/svg+xml',
    'no-cache',
  ]);
  const gone = await app.inject({ method: 'GET', url: '/assets/index-old.js' });
  expect(gone.statusCode).toBe(404);
  expect(gone.body).not.toContain('<!doctype');
});

test('unknown API routes stay JSON 404s, whatever the method; the API still asks who calls', async () => {
  for (const [method, url] of [
    ['GET', '/api/v1/nothing'],
    ['GET', '/api'],
    ['POST', '/api/v1/nothing'],
  ] as const) {
    const r = await app.inject({ method, url });
    expect([url, r.statusCode, r.json()]).toEqual([
      url,
      404,
      { error: { code: 'NOT_FOUND', message: 'no such route' } },
    ]);
  }
  const report = await app.inject({ method: 'GET', url: '/api/v1/report' });
  expect([report.statusCode, report.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
});

test('a server whose dashboard was not built says how to build it and still serves the API', async () => {
  const r = await bare.inject({ method: 'GET', url: '/' });
  expect(r.statusCode).toBe(503);
  expect(r.body).toContain('npm run build:web');
  expect((await bare.inject({ method: 'GET', url: '/api/v1/openapi.json' })).statusCode).toBe(401);
});
