// `--scope` as a user runs it, on both engines: a repository with a shipped dependency, a development
// tool, an example project and a multi-stage Dockerfile; `cto vulns` and `cto eol` show each finding's
// exposure in a `scope` column and keep only the exposures listed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

const lock = (packages: Record<string, { version: string; dev?: boolean }>) =>
  JSON.stringify({
    name: 'shop',
    lockfileVersion: 3,
    packages: {
      '': { name: 'shop' },
      ...Object.fromEntries(Object.entries(packages).map(([n, p]) => [`node_modules/${n}`, p])),
    },
  });

/** A hand-written npm advisory affecting every version of `name` before `fixed`. */
const advisory = (id: string, name: string, fixed: string) => ({
  id,
  modified: '2099-01-02T00:00:00Z',
  published: '2099-01-01T00:00:00Z',
  summary: `Test advisory for ${name}`,
  affected: [
    {
      package: { ecosystem: 'npm', name },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }],
    },
  ],
  database_specific: { severity: 'HIGH' },
});

let root = '';
let feeds = '';
beforeAll(() => {
  root = tempDir();
  buildRepo(join(root, 'shop'), [
    {
      files: {
        'package-lock.json': lock({
          express: { version: '4.18.2' },
          minimist: { version: '1.2.0', dev: true },
        }),
        'examples/demo/package-lock.json': lock({ qs: { version: '6.5.1' } }),
        Dockerfile: 'FROM node:16 AS build\nRUN npm ci\nFROM node:22-alpine\nCOPY --from=build /app /app\n',
      },
    },
  ]);
  feeds = tempDir();
  mkdirSync(join(feeds, 'npm'));
  for (const [id, name, fixed] of [
    ['GHSA-test-0001', 'express', '5.0.0'],
    ['GHSA-test-0002', 'minimist', '1.2.6'],
    ['GHSA-test-0003', 'qs', '6.10.3'],
  ] as const)
    writeFileSync(join(feeds, 'npm', `${id}.json`), JSON.stringify(advisory(id, name, fixed)));
});

afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

describe.each(ENGINES)('--scope on %s', (engine) => {
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => cto([...args, '--workspace', root, '--db', db]);

  test('vulns: the scope column, and only the exposures listed', { timeout: 180_000 }, () => {
    expect(run('scan', join(root, 'shop')).code).toBe(0);
    expect(run('feed', 'import', join(feeds, 'npm')).code).toBe(0);
    const all = JSON.parse(run('vulns', '--json').stdout);
    const exposures = Object.fromEntries(
      all.findings.map((f: { name: string; exposure: string }) => [f.name, f.exposure]),
    );
    expect(exposures).toEqual({ express: 'runtime', minimist: 'development', qs: 'example' });
    const some = JSON.parse(run('vulns', '--json', '--scope', 'development,example').stdout);
    expect(some.findings.map((f: { name: string }) => f.name).sort()).toEqual(['minimist', 'qs']);
    const text = run('vulns', '--scope', 'runtime');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/\bscope\b/);
    expect(text.stdout).toMatch(/GHSA-test-0001\s+high\s+[\d.]+\s+runtime\s+npm:express/);
    expect(text.stdout).not.toContain('minimist');
  });

  test('eol: a Dockerfile build stage is build, the last stage runtime', { timeout: 180_000 }, () => {
    expect(run('feed', 'import', '/work/shared/data/endoflife/products.json').code).toBe(0);
    const doc = JSON.parse(run('eol', '--today', '2026-01-15', '--json').stdout);
    const images = doc.rows
      .filter((r: { kind: string }) => r.kind === 'image')
      .map((r: { versions: string[]; exposure: string }) => [r.versions, r.exposure]);
    expect(images).toEqual([
      [['16'], 'build'],
      [['22-alpine'], 'runtime'],
    ]);
    const build = run('eol', '--today', '2026-01-15', '--scope', 'build');
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(
      /shop\s+image\s+pin\s+node\s+16\s+nodejs\s+16\s.*past-eol\s+build\s+Dockerfile/,
    );
    expect(build.stdout).not.toContain('22-alpine');
  });
});
