// Coverage as a user meets it, on both engines: `cto vulns` says what was not checked before any
// finding, `--fail-on` refuses to pass what it could not judge, and `--allow-partial` judges what was
// checked. Three repositories: one with a lockfile, one with only a manifest, one with no manifest.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { npmRecord } from '../fixtures/feeds/osv/test-records.ts';
import { cto } from '../helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

const lock = {
  name: 'shop',
  lockfileVersion: 3,
  packages: {
    '': { name: 'shop', dependencies: { 'example-pad': '^1.0.0', 'example-safe': '3.0.0' } },
    'node_modules/example-pad': { version: '1.2.0' },
    'node_modules/example-safe': { version: '3.0.0' },
  },
};
const siteManifest = {
  name: 'site',
  dependencies: { 'example-pad': '^1.0.0', 'example-safe': '3.0.0', own: 'file:../own' },
};

const DATA = '/work/shared/data';

let root = '';
let feed = '';
beforeAll(() => {
  root = tempDir();
  buildRepo(join(root, 'shop'), [
    {
      files: {
        'package.json': JSON.stringify(lock.packages['']),
        'package-lock.json': JSON.stringify(lock),
        '.nvmrc': '20\n',
      },
    },
  ]);
  buildRepo(join(root, 'site'), [
    {
      files: { 'package.json': JSON.stringify(siteManifest), Dockerfile: 'FROM example/static-server:1.2\n' },
    },
  ]);
  buildRepo(join(root, 'notes'), [{ files: { 'README.md': '# notes\n' } }]);
  feed = join(tempDir(), 'npm');
  mkdirSync(feed);
  writeFileSync(join(feed, `${npmRecord.id}.json`), JSON.stringify(npmRecord));
});
afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

/** The report's security area and its vulnerability coverage figure. */
function securityArea(run: (...args: string[]) => { stdout: string }) {
  const doc = JSON.parse(run('report', '--out', join(tempDir(), 'report'), '--json').stdout);
  const area = doc.summary.areas.find((a: { id: string }) => a.id === 'infrastructure-security');
  const section = doc.sections.find((a: { id: string }) => a.id === 'infrastructure-security');
  const share = section.figures.find((f: { id: string }) => f.id === 'vulnerability-coverage');
  return { rating: area.rating as string, line: area.line as string, share: share?.value };
}

interface RepoCoverage {
  repository: string;
  status: string;
  checked: number;
  total: number;
  ecosystems: Array<Record<string, unknown>>;
}

describe.each(ENGINES)('vulns coverage on %s', { timeout: 300_000 }, (engine) => {
  const db = freshStoreTarget(engine);
  const run = (...args: string[]) => cto([...args, '--workspace', root, '--db', db]);
  const coverage = (...args: string[]) => {
    const doc = JSON.parse(run('vulns', '--json', ...args).stdout);
    expect(doc.schema).toBe('cto.vulns/v2');
    return doc.coverage as { status: string; checked: number; total: number; repositories: RepoCoverage[] };
  };

  test('no feed: never clean; --fail-on exits 2 with NOT_CHECKED, --allow-partial judges what was checked', () => {
    expect(run('scan', ...['shop', 'site', 'notes'].map((r) => join(root, r))).code).toBe(0);
    const plain = run('vulns');
    expect(plain.code).toBe(0);
    const lines = plain.stdout.split('\n');
    expect(lines[0]).toBe(
      'Nothing checked for vulnerabilities: none of 4 package versions in 2 repositories; not checked:',
    );
    expect(plain.stdout).toContain('  shop: npm: no feed loaded (2 versions)');
    expect(plain.stdout).toContain(
      '  site: npm: no feed loaded (1 version); 1 with no exact version, no lockfile (package.json)',
    );
    expect(plain.stdout).toContain('Nothing to check (no dependency manifest): notes.');
    expect(plain.stdout).toContain('cto feed update');
    expect(plain.stdout).not.toMatch(/no known vulnerabilities/i);

    const failing = run('vulns', '--fail-on', 'low');
    expect(failing.code).toBe(2);
    expect(failing.stdout).toContain('Nothing checked for vulnerabilities');
    expect(failing.stderr.trim().split('\n')).toHaveLength(1);
    expect(failing.stderr).toMatch(
      /^cto: --fail-on low cannot pass: nothing was checked .*\[NOT_CHECKED\]$/m,
    );

    const partial = run('vulns', '--fail-on', 'low', '--allow-partial');
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('  shop: npm: no feed loaded');

    // End of life with no data loaded says nothing was checked instead of listing unknowns.
    expect(run('eol').stdout.split('\n')[0]).toBe(
      'Nothing checked for end of life: no endoflife.date data loaded (run cto feed update or cto feed import); 2 runtimes and images not checked.',
    );
    const c = coverage();
    expect(c).toMatchObject({ status: 'not-checked', checked: 0, total: 4 });
    expect(c.repositories.map((r) => [r.repository, r.status, r.checked, r.total])).toEqual([
      ['notes', 'nothing-to-check', 0, 0],
      ['shop', 'not-checked', 0, 2],
      ['site', 'not-checked', 0, 2],
    ]);
    // The report's security area is grey, never green, and says nothing was checked.
    expect(securityArea(run)).toEqual({
      rating: 'grey',
      line: expect.stringContaining('Vulnerabilities not checked: none of 4 package versions (shop, site).'),
      share: 0,
    });
    expect(c.repositories[2]!.ecosystems).toEqual([
      {
        ecosystem: 'npm',
        feedLoaded: false,
        versions: 1,
        checked: 0,
        rangesOnly: 1,
        rangeManifests: ['package.json'],
        local: 1,
        status: 'not-checked',
      },
    ]);
  });

  test('with the feed: the lockfile is checked, the manifest alone is partial; exit codes by coverage and findings', () => {
    expect(run('feed', 'import', feed, '--ecosystem', 'npm').code).toBe(0);
    const c = coverage();
    expect([c.status, c.checked, c.total]).toEqual(['partial', 3, 4]);
    expect(c.repositories.map((r) => [r.repository, r.status, r.checked, r.total])).toEqual([
      ['notes', 'nothing-to-check', 0, 0],
      ['shop', 'checked', 2, 2],
      ['site', 'partial', 1, 2],
    ]);
    const out = run('vulns');
    expect(out.stdout.split('\n').slice(0, 2)).toEqual([
      'Checked 3 of 4 package versions in 2 repositories; not checked:',
      '  site: npm: 1 with no exact version, no lockfile (package.json)',
    ]);
    expect(out.stdout).toContain(npmRecord.id);
    expect(securityArea(run)).toEqual({
      rating: 'amber',
      line: expect.stringMatching(
        /^Findings: 1 high \(1 repository\)\. Vulnerabilities partly checked: 3 of 4 package versions \(75%\); not checked in site\.$/,
      ),
      share: 75,
    });
    // The finding is high: a failing level at or below it exits 1 once what was not checked is allowed.
    expect(run('vulns', '--fail-on', 'high').code).toBe(2);
    expect(run('vulns', '--fail-on', 'high', '--allow-partial').code).toBe(1);
    expect(run('vulns', '--fail-on', 'critical', '--allow-partial').code).toBe(0);
    // End of life: an image with no endoflife.date product is not checked, and said so.
    expect(run('feed', 'import', `${DATA}/endoflife/products.json`).code).toBe(0);
    const eol = run('eol', '--today', '2026-01-15');
    expect(eol.stdout.split('\n')[0]).toBe(
      'Checked 1 of 2 runtimes and images for end of life; not checked: 1 with no endoflife.date product (example/static-server 1.2).',
    );
    expect(eol.stdout).toMatch(
      /site +image +pin +example\/static-server +1\.2 .* not checked +runtime +Dockerfile/,
    );
    expect(JSON.parse(run('eol', '--json').stdout).coverage).toEqual({
      dataLoaded: true,
      subjects: 2,
      checked: 1,
      noProduct: ['example/static-server 1.2'],
      noCycle: [],
    });
    // One fully checked repository needs no --allow-partial.
    expect(run('vulns', 'shop', '--fail-on', 'high').code).toBe(1);
    const clean = run('vulns', 'shop', '--fail-on', 'critical');
    expect(clean.code).toBe(0);
    expect(clean.stdout.split('\n')[0]).toBe('Checked 2 of 2 package versions in 1 repository.');
  });
});
