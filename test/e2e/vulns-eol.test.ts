// `cto feed`, `cto vulns` and `cto eol` as a user runs them, on both engines, against a repository
// built with known pins and the real data in /work/shared/data. Expected advisories come from the
// advisories' own `versions` lists (PyPI) and from the `semver` package over the ranges (npm);
// expected cycles and dates from products.json.
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importOsvZip } from '../../src/feeds/osv/import.ts';
import type { OsvRange } from '../../src/feeds/osv/record.ts';
import { cto } from '../helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

const DATA = '/work/shared/data';
const products = JSON.parse(readFileSync(`${DATA}/endoflife/products.json`, 'utf8'));
/** PyPI records carry `versions` lists; npm (GHSA) records only ranges. */
const PYPI_PINS: Array<[string, string]> = [
  ['django', '3.2'],
  ['jinja2', '2.10'],
  ['pyyaml', '5.3'],
];
const NPM_PINS: Array<[string, string]> = [
  ['lodash', '4.17.4'],
  ['minimist', '1.2.0'],
  ['qs', '6.5.1'],
];

const lock = {
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0', dependencies: { lodash: '4.17.4', express: '4.16.0' } },
    'node_modules/lodash': { version: '4.17.4' },
    'node_modules/express': { version: '4.16.0', dependencies: { qs: '6.5.1' } },
    'node_modules/qs': { version: '6.5.1' },
    'node_modules/mkdirp': { version: '0.5.1', dev: true, dependencies: { minimist: '1.2.0' } },
    'node_modules/minimist': { version: '1.2.0', dev: true },
  },
};
const pom = `<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>y</artifactId><version>1</version>
<dependencies><dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.14.1</version></dependency></dependencies></project>`;

let root = '';
beforeAll(() => {
  root = tempDir();
  buildRepo(join(root, 'app'), [
    {
      files: {
        'package.json': JSON.stringify({ name: 'app', engines: { node: '>=18' } }),
        'package-lock.json': JSON.stringify(lock),
        'pom.xml': pom,
        'requirements.txt': PYPI_PINS.map(([n, v]) => `${n}==${v}\n`).join(''),
        Dockerfile: 'FROM node:20-alpine\nFROM postgres:15\n',
        '.nvmrc': '16\n',
      },
    },
  ]);
});
afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

/** PyPI advisory ids whose own `versions` list names the pinned version. */
async function expectedFromVersionLists(): Promise<Map<string, Set<string>>> {
  const feed = await importOsvZip(`${DATA}/osv/PyPI/all.zip`);
  const out = new Map<string, Set<string>>();
  for (const [name, version] of PYPI_PINS) {
    const listed = feed.records.filter(
      (r) =>
        !r.withdrawn && r.affected.some((a) => a.name.toLowerCase() === name && a.versions.includes(version)),
    );
    out.set(name, new Set(listed.map((r) => r.id)));
  }
  return out;
}

/** One OSV range as a `semver` range: `>=a <b || >=c <=d`. */
function semverRange(range: OsvRange): string {
  const parts: string[] = [];
  for (const e of range.events) {
    if (e.kind === 'introduced') parts.push(`>=${e.version === '0' ? '0.0.0' : e.version}`);
    else if (e.kind === 'fixed') parts.push(`<${e.version} ||`);
    else if (e.kind === 'last_affected') parts.push(`<=${e.version} ||`);
  }
  return parts.join(' ').replace(/\s*\|\|$/, '');
}

/** npm advisory ids whose ranges contain the pin, by the `semver` package. */
async function expectedFromSemver(): Promise<Map<string, Set<string>>> {
  const feed = await importOsvZip(`${DATA}/osv/npm/all.zip`);
  const out = new Map<string, Set<string>>();
  for (const [name, version] of NPM_PINS) {
    const hit = feed.records.filter((r) =>
      r.affected.some(
        (a) => a.name === name && a.ranges.some((x) => semver.satisfies(version, semverRange(x))),
      ),
    );
    out.set(name, new Set(hit.map((r) => r.id)));
  }
  return out;
}

/** Both expectations, computed from the feeds once per file and shared by the engines. */
let expectations: Promise<{ listed: Map<string, Set<string>>; ranged: Map<string, Set<string>> }> | undefined;
function expected() {
  expectations ??= (async () => ({
    listed: await expectedFromVersionLists(),
    ranged: await expectedFromSemver(),
  }))();
  return expectations;
}

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const cycleOf = (product: string, cycle: string) =>
  products[product].releases.find((r: { releaseCycle: string }) => String(r.releaseCycle) === cycle);

interface Finding {
  name: string;
  ecosystem: string;
  recordIds: string[];
  paths: string[][];
  severity: { level: string };
}

describe.each(ENGINES)('vulns and eol on %s', (engine) => {
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => cto([...args, '--workspace', root, '--db', db]);

  test('vulns agree with versions lists and semver; paths, missing feeds, filters, --fail-on', async () => {
    expect(run('scan', join(root, 'app')).code).toBe(0);
    expect(run('vulns').stdout).toContain('app: Maven: no feed loaded (1 version); npm: no feed loaded');
    const tree = tempDir();
    for (const eco of ['npm', 'PyPI']) {
      mkdirSync(join(tree, eco));
      symlinkSync(`${DATA}/osv/${eco}/all.zip`, join(tree, eco, 'all.zip'));
    }
    expect(run('feed', 'import', tree).code).toBe(0);
    const r = run('vulns', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('cto.vulns/v2');
    expect(doc.missingFeeds).toEqual([{ repository: 'app', ecosystem: 'Maven' }]);
    const findings: Finding[] = doc.findings;
    const matched = (name: string) =>
      new Set(findings.filter((f) => f.name === name).flatMap((f) => f.recordIds));
    const { listed, ranged } = await expected();
    for (const [name, want] of [...listed, ...ranged]) {
      expect(want.size, `${name} has advisories`).toBeGreaterThan(0);
      for (const id of want) expect(matched(name), `${name} ${id}`).toContain(id);
    }
    for (const [name, want] of ranged) expect(matched(name)).toEqual(want);
    const path = (name: string) => findings.find((f) => f.name === name)?.paths;
    expect(path('qs')).toEqual([['app', 'express', 'qs']]);
    expect(path('minimist')).toEqual([['app', 'mkdirp', 'minimist']]);
    const failing = run(
      'vulns',
      '--json',
      '--severity',
      'critical',
      '--fail-on',
      'critical',
      '--ecosystem',
      'npm',
    );
    expect(failing.code).toBe(1);
    const critical: Finding[] = JSON.parse(failing.stdout).findings;
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((f) => f.severity.level === 'critical' && f.ecosystem === 'npm')).toBe(true);
  });

  test('eol: cycles, dates, runway and status from products.json; floors are rated by what they admit', () => {
    expect(run('feed', 'import', `${DATA}/endoflife/products.json`).code).toBe(0);
    const list = JSON.parse(run('feed', 'list', '--json').stdout);
    const loaded = list.feeds.map((f: { feed: string; ecosystem: string }) => `${f.feed}:${f.ecosystem}`);
    expect(loaded.sort()).toEqual(['endoflife:', 'osv:PyPI', 'osv:npm']);
    const today = '2026-01-15';
    const doc = JSON.parse(run('eol', '--today', today, '--json').stdout);
    expect(doc.schema).toBe('cto.eol/v2');
    const row = (kind: string, subject: string, version: string) =>
      doc.rows.find(
        (r: { kind: string; subject: string; versions: string[] }) =>
          r.kind === kind && r.subject === subject && r.versions.includes(version),
      );
    const cases: Array<[string, string, string, string, string]> = [
      ['runtime', 'node', '16', 'nodejs', '16'],
      ['image', 'node', '20-alpine', 'nodejs', '20'],
      ['image', 'postgres', '15', 'postgresql', '15'],
      ['package', 'django', '3.2', 'django', '3.2'],
    ];
    for (const [kind, subject, version, product, cycle] of cases) {
      const eol = cycleOf(product, cycle).eol;
      const runway = Math.round((days(today, eol) / (365.25 / 12)) * 10) / 10;
      const status = today >= eol ? 'past-eol' : runway <= 6 ? 'within-window' : 'supported';
      expect(row(kind, subject, version), `${subject} ${version}`).toMatchObject({
        product,
        cycle,
        eol,
        runwayMonths: runway,
        status,
      });
    }
    // A floor is not the runtime in use: `>=18` admits supported releases, whatever 18's own end of life.
    expect(row('runtime', 'node', '>=18')).toMatchObject({
      role: 'floor',
      cycle: '18',
      status: 'admits-supported',
    });
    expect(row('runtime', 'node', '16')).toMatchObject({ role: 'pin' });
    // node 20's runway decides its status against the window.
    const node20 = row('image', 'node', '20-alpine');
    const window =
      node20.status === 'within-window'
        ? Math.floor(node20.runwayMonths) - 1
        : Math.ceil(node20.runwayMonths) + 1;
    const other = JSON.parse(run('eol', '--today', today, '--window', String(window), '--json').stdout);
    const again = other.rows.find(
      (r: { kind: string; subject: string }) => r.kind === 'image' && r.subject === 'node',
    );
    expect(window).toBeGreaterThanOrEqual(0);
    expect(again.status).not.toBe(node20.status);
  });
});
