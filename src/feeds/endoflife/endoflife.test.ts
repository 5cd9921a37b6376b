import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseImageName, withoutTag } from '../../collectors/image-ref.ts';
import { cycleStatus, pickCycle, versionStatus } from './lifecycle.ts';
import { loadApiProduct, loadProductsJson } from './load.ts';
import { buildCatalog, resolveProduct } from './resolve.ts';

// Written for the test in the shapes endoflife.date publishes (values invented).
const PRODUCTS_JSON = {
  examplesql: {
    title: 'ExampleSQL',
    identifiers: [
      { purl: 'pkg:docker/library/examplesql' },
      { repology: 'examplesql' },
      { cpe: 'cpe:2.3:a:ex:sql' },
    ],
    releases: [
      { releaseCycle: '17', releaseDate: '2024-09-26', eol: '2029-11-08', latest: '17.2' },
      { releaseCycle: '12', releaseDate: '2019-10-03', eol: '2024-11-14', latest: '12.22' },
    ],
  },
  examplejs: {
    title: 'ExampleJS',
    releases: [
      {
        releaseCycle: '22',
        releaseDate: '2024-04-24',
        lts: '2024-10-29',
        eoas: '2025-10-21',
        eol: '2027-04-30',
      },
      { releaseCycle: '21', releaseDate: '2023-10-17', eoas: true, eol: true },
      { releaseCycle: '3.12', releaseDate: '2023-10-02', eol: false },
    ],
  },
  broken: { releases: 'not a list' },
};

const API_PRODUCT = {
  schema_version: '1.2.0',
  result: {
    name: 'examplelang',
    label: 'ExampleLang',
    identifiers: [{ type: 'purl', id: 'pkg:generic/examplelang' }],
    releases: [
      {
        name: '1.23',
        label: '1.23',
        releaseDate: '2024-08-13',
        isLts: false,
        ltsFrom: null,
        isEoas: false,
        eoasFrom: null,
        isEol: false,
        eolFrom: null,
        isMaintained: true,
        latest: { name: '1.23.4', date: '2024-12-03' },
      },
      {
        name: '1.21',
        releaseDate: '2023-08-08',
        isEol: true,
        eolFrom: '2024-08-13',
        latest: { name: '1.21.13' },
      },
    ],
  },
};

describe('endoflife.date products', () => {
  const { products, skipped } = loadProductsJson(PRODUCTS_JSON);
  const catalog = buildCatalog([...products, loadApiProduct(API_PRODUCT)]);

  it('loads products.json and API v1 shapes into the same rows', () => {
    expect(skipped).toEqual(['broken']);
    const js = catalog.byKey.get('examplejs')!;
    expect(js.cycles[0]).toEqual({
      name: '22',
      releaseDate: '2024-04-24',
      lts: '2024-10-29',
      eoas: '2025-10-21',
      eol: '2027-04-30',
      eoes: null,
      latest: null,
    });
    const lang = catalog.byKey.get('examplelang')!;
    expect(lang.cycles[1]).toMatchObject({ name: '1.21', eol: '2024-08-13', eoas: null, latest: '1.21.13' });
    expect(lang.cycles[0]).toMatchObject({ eol: false, lts: false });
    expect(() => loadApiProduct({ result: { releases: [] } })).toThrow();
  });

  it('picks the cycle by major or major.minor as the product names its cycles', () => {
    const js = catalog.byKey.get('examplejs')!;
    expect(pickCycle(js, 'v22.11.0')?.name).toBe('22');
    expect(pickCycle(js, '>=22')?.name).toBe('22');
    expect(pickCycle(js, '3.12.4')?.name).toBe('3.12');
    expect(pickCycle(js, '3.11')).toBeNull();
    // A moving release: the newest cycle released on the day, or the newest LTS one.
    expect(pickCycle(js, 'stable', '2026-01-01')?.name).toBe('22');
    expect(pickCycle(js, 'latest', '2024-01-01')?.name).toBe('21');
    expect(pickCycle(js, 'lts/*', '2026-01-01')?.name).toBe('22');
    expect(pickCycle(js, 'lts/*', '2024-06-01')).toBeNull(); // 22 released, LTS only from 2024-10-29
    // Channels ahead of every release, and LTS by codename, name no cycle of the data.
    expect(pickCycle(js, 'beta', '2026-01-01')).toBeNull();
    expect(pickCycle(js, 'nightly', '2026-01-01')).toBeNull();
    expect(pickCycle(js, 'lts/iron', '2026-01-01')).toBeNull();
    // A moving major where the cycles are major.minor: the newest cycle of that major on the day.
    const lang = catalog.byKey.get('examplelang')!;
    for (const v of ['^1', '~1', '1.x', '1.*', '1'])
      expect(pickCycle(lang, v, '2025-01-01')?.name, v).toBe('1.23');
    expect(pickCycle(lang, '^1', '2024-01-01')?.name).toBe('1.21'); // 1.23 not yet released
    expect(pickCycle(lang, '^2', '2025-01-01')).toBeNull();
    expect(pickCycle(lang, '>=1', '2025-01-01')).toBeNull(); // a minimum says nothing of what runs
    // Where the major names a cycle, it is that cycle.
    expect(pickCycle(js, '^22', '2026-01-01')?.name).toBe('22');
  });

  it('computes EOL, support end and runway from the given day', () => {
    const js = catalog.byKey.get('examplejs')!;
    const s = versionStatus(js, '22.1.0', '2026-04-30')!;
    expect(s).toMatchObject({
      cycle: '22',
      supportEnd: '2025-10-21',
      eolDate: '2027-04-30',
      isEol: false,
      runwayMonths: 12,
    });
    expect(versionStatus(js, '22', '2027-04-30')).toMatchObject({ isEol: true, runwayMonths: 0 });
    expect(versionStatus(js, '22', '2027-10-30')!.runwayMonths).toBe(-6);
    expect(versionStatus(js, '21', '2020-01-01')).toMatchObject({
      isEol: true,
      eol: true,
      eolDate: null,
      runwayMonths: null,
    });
    expect(versionStatus(js, '3.12', '2030-01-01')).toMatchObject({
      isEol: false,
      eol: false,
      runwayMonths: null,
    });
    expect(() => cycleStatus(js, js.cycles[0]!, 'today')).toThrow();
  });

  it('maps images, runtimes and purls to products', () => {
    expect(normaliseImageName(withoutTag('docker.io/library/examplesql:17-alpine'))).toBe(
      'library/examplesql',
    );
    expect(normaliseImageName(withoutTag('registry.example:5000/team/app:1.2'))).toBe(
      'registry.example:5000/team/app',
    );
    expect(resolveProduct(catalog, { kind: 'image', name: 'examplesql:17' })?.key).toBe('examplesql');
    expect(resolveProduct(catalog, { kind: 'runtime', name: 'examplesql' })?.key).toBe('examplesql');
    expect(resolveProduct(catalog, { kind: 'package', purl: 'pkg:generic/examplelang@1.23.1' })?.key).toBe(
      'examplelang',
    );
    expect(resolveProduct(catalog, { kind: 'image', name: 'unknown/thing' })).toBeNull();
  });
});

const REAL = '/work/shared/data/endoflife/products.json';

describe.skipIf(!existsSync(REAL))('endoflife.date real products.json', () => {
  const { products, skipped } = loadProductsJson(JSON.parse(readFileSync(REAL, 'utf8')));
  const catalog = buildCatalog(products);

  it('loads every product', () => {
    expect(skipped).toEqual([]);
    expect(products.length).toBeGreaterThan(400);
  });

  it('maps the usual runtimes and images and finds their cycles', () => {
    const cases: [Parameters<typeof resolveProduct>[1], string, string, string][] = [
      [{ kind: 'runtime', name: 'node' }, 'nodejs', '20.11.1', '20'],
      [{ kind: 'runtime', name: 'python' }, 'python', '3.11', '3.11'],
      [{ kind: 'runtime', name: 'go' }, 'go', '1.22.3', '1.22'],
      [{ kind: 'runtime', name: 'ruby' }, 'ruby', '3.2.2', '3.2'],
      [{ kind: 'runtime', name: 'dotnet' }, 'dotnet', 'net8.0', '8'],
      [{ kind: 'runtime', name: 'java' }, 'eclipse-temurin', '17', '17'],
      [{ kind: 'image', name: 'postgres:16.2-alpine' }, 'postgresql', '16.2-alpine', '16'],
      [{ kind: 'image', name: 'node:20-slim' }, 'nodejs', '20-slim', '20'],
      [{ kind: 'image', name: 'golang:1.22' }, 'go', '1.22', '1.22'],
      [{ kind: 'image', name: 'eclipse-temurin:21-jre' }, 'eclipse-temurin', '21-jre', '21'],
      [{ kind: 'image', name: 'openjdk:1.8' }, 'eclipse-temurin', '1.8', '8'],
      [{ kind: 'image', name: 'redis:7.2' }, 'redis', '7.2', '7.2'],
    ];
    for (const [subject, key, version, cycle] of cases) {
      const product = resolveProduct(catalog, subject);
      expect(product?.key, JSON.stringify(subject)).toBe(key);
      expect(pickCycle(product!, version)?.name, `${key} ${version}`).toBe(cycle);
    }
  });
});
