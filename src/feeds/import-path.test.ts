// Loading feeds into the store from disk, on both engines, with the real data in /work/shared/data.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { isCtoError } from '../errors.ts';
import { listFeedImports } from '../store/feeds.ts';
import { openStore, type Store } from '../store/store.ts';
import { detectFeedInput, importFeedPath } from './import-path.ts';

const DATA = '/work/shared/data';
const manifest = JSON.parse(readFileSync(`${DATA}/osv/MANIFEST.json`, 'utf8')).ecosystems;
const productsJson = JSON.parse(readFileSync(`${DATA}/endoflife/products.json`, 'utf8'));

afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

const count = async (store: Store, table: 'advisories' | 'eol_products') =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe.each(ENGINES)('feed import on %s', (engine) => {
  test('an OSV all.zip loads every record; a truncated copy fails and leaves the feed active', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      const [s] = await importFeedPath(store, `${DATA}/osv/RubyGems/all.zip`);
      expect(s).toMatchObject({ feed: 'osv', ecosystem: 'RubyGems', records: manifest.RubyGems.records });
      const [active] = await listFeedImports(store);
      expect(active?.sha256).toBe(manifest.RubyGems.sha256);

      const bytes = readFileSync(`${DATA}/osv/RubyGems/all.zip`);
      const dir = join(tempDir(), 'RubyGems');
      mkdirSync(dir);
      writeFileSync(join(dir, 'all.zip'), bytes.subarray(0, Math.floor(bytes.length / 2)));
      const e = await rejection(importFeedPath(store, join(dir, 'all.zip')));
      expect(isCtoError(e) && e.code).toBe('FEED_INVALID');
      expect(e.message).not.toContain('\n');
      expect(e.message).toMatch(`previous RubyGems advisories (${manifest.RubyGems.records} records`);
      expect(await count(store, 'advisories')).toBe(manifest.RubyGems.records);
      const all = await listFeedImports(store, true);
      expect(all.map((f) => f.status).sort()).toEqual(['active', 'failed']);
    } finally {
      await store.close();
    }
  });

  test('a re-import replaces the ecosystem; a folder of OSV JSON is read by its folder name', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      await importFeedPath(store, `${DATA}/osv/Packagist/all.zip`);
      await importFeedPath(store, `${DATA}/osv/Packagist/all.zip`);
      expect(await count(store, 'advisories')).toBe(manifest.Packagist.records);
      const entries = unzipSync(readFileSync(`${DATA}/osv/NuGet/all.zip`));
      const dir = join(tempDir(), 'NuGet');
      mkdirSync(dir);
      const names = Object.keys(entries).slice(0, 5);
      for (const n of names) writeFileSync(join(dir, n), entries[n]!);
      expect(detectFeedInput(dir)).toBe('osv-folder');
      const [s] = await importFeedPath(store, dir);
      expect(s).toMatchObject({ ecosystem: 'NuGet', records: names.length });
      const statuses = (await listFeedImports(store, true)).map((f) => `${f.ecosystem}:${f.status}`).sort();
      expect(statuses).toEqual(['NuGet:active', 'Packagist:active', 'Packagist:replaced']);
    } finally {
      await store.close();
    }
  });

  test('endoflife.date products.json loads every product with its cycles', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      expect(detectFeedInput(`${DATA}/endoflife`)).toBe('eol-json');
      const [s] = await importFeedPath(store, `${DATA}/endoflife`);
      expect(s!.records + s!.problems).toBe(Object.keys(productsJson).length);
      expect(await count(store, 'eol_products')).toBe(s!.records);
      const cycles = await store.db
        .selectFrom('eol_cycles')
        .selectAll()
        .where('product', '=', 'nodejs')
        .orderBy('position')
        .execute();
      expect(cycles.map((c) => c.cycle_name)).toEqual(
        productsJson.nodejs.releases.map((r: { releaseCycle: string }) => r.releaseCycle),
      );
      expect(cycles[0]!.eol).toBe(String(productsJson.nodejs.releases[0].eol));
    } finally {
      await store.close();
    }
  });
});
