// `feed update` against a tiny HTTP server on 127.0.0.1 serving real data, and against a closed port.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { isCtoError } from '../errors.ts';
import { listFeedImports } from '../store/feeds.ts';
import { openStore } from '../store/store.ts';
import { updateFeeds } from './download.ts';

const DATA = '/work/shared/data';
const zip = readFileSync(`${DATA}/osv/NuGet/all.zip`);
const records = JSON.parse(readFileSync(`${DATA}/osv/MANIFEST.json`, 'utf8')).ecosystems.NuGet.records;
const products = JSON.parse(readFileSync(`${DATA}/endoflife/products.json`, 'utf8'));

/** The API v1 `products/full` shape, built from two products of products.json. */
function apiFull() {
  const result = ['nodejs', 'postgresql'].map((name) => ({
    name,
    label: products[name].title,
    identifiers: products[name].identifiers.flatMap((i: Record<string, string>) =>
      Object.entries(i).map(([type, id]) => ({ type, id })),
    ),
    releases: products[name].releases.map((r: Record<string, string | boolean>) => ({
      name: r.releaseCycle,
      releaseDate: r.releaseDate,
      isEol: typeof r.eol === 'boolean' ? r.eol : null,
      eolFrom: typeof r.eol === 'string' ? r.eol : null,
    })),
  }));
  return { schema_version: '1.2.0', total: result.length, result };
}

let server: Server;
let base = '';
let closedPort = 0;
const progress: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/osv/NuGet/all.zip') res.writeHead(200, { 'content-length': zip.length }).end(zip);
    else if (req.url === '/eol/products/full') res.writeHead(200).end(JSON.stringify(apiFull()));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('feed update on %s', (engine) => {
  test('downloads and imports through the same code, with progress; an unreachable host changes nothing', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      const urls = { osv: `${base}/osv`, eol: `${base}/eol` };
      const done = await updateFeeds(store, {
        ecosystems: ['NuGet'],
        osv: true,
        eol: true,
        urls,
        progress: (_label, received) => progress.push(received),
      });
      expect(done.map((d) => [d.feed, d.ecosystem, d.records])).toEqual([
        ['osv', 'NuGet', records],
        ['endoflife', '', 2],
      ]);
      expect(progress.at(-1)).toBeGreaterThan(0);
      const closed = { osv: `http://127.0.0.1:${closedPort}`, eol: `http://127.0.0.1:${closedPort}` };
      let error: unknown;
      try {
        await updateFeeds(store, { ecosystems: ['NuGet'], osv: true, eol: true, urls: closed });
      } catch (e) {
        error = e;
      }
      expect(isCtoError(error) && error.code).toBe('FEED_DOWNLOAD');
      expect((error as Error).message).toContain(`cannot reach 127.0.0.1:${closedPort}`);
      const feeds = await listFeedImports(store);
      expect(feeds.map((f) => [f.feed, f.ecosystem, f.records])).toEqual([
        ['endoflife', '', 2],
        ['osv', 'NuGet', records],
      ]);
      const missing = await updateFeeds(store, { ecosystems: ['npm'], osv: true, eol: false, urls }).catch(
        (e) => e,
      );
      expect(missing.code).toBe('FEED_DOWNLOAD');
      expect(missing.message).toMatch(/HTTP 404/);
    } finally {
      await store.close();
    }
  });

  test('cto feed update reads CTO_OSV_URL and CTO_EOL_URL; an unreachable host is one line, exit 2', () => {
    const closed = `http://127.0.0.1:${closedPort}`;
    const env = { CTO_OSV_URL: closed, CTO_EOL_URL: closed };
    const r = cto(
      ['feed', 'update', '--ecosystem', 'npm', '-w', tempDir(), '--db', freshStoreTarget(engine)],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`cannot reach 127.0.0.1:${closedPort}`);
  });
});
