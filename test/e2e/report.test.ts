// `cto report` as a person sees it: files written, the JSON valid against the published schema,
// the HTML rendered in headless Chromium with no console errors and no network, the PDF's text.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import semver from 'semver';
import { afterAll, describe, expect, test } from 'vitest';
import { importOsvZip } from '../../src/feeds/osv/import.ts';
import type { OsvRange } from '../../src/feeds/osv/record.ts';
import { buildReport } from '../../src/report/model.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/report/render-pdf.ts';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { openStore } from '../../src/store/store.ts';
import { cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget, workspaceWithEmptyStore } from '../helpers/stores.ts';

afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

const schema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../docs/report-schema.json'), 'utf8'),
);
const ajv = new Ajv({ allErrors: true });
(formats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(schema);

/** A workspace with one scanned repository, built on first use and shared by the tests that report on it. */
let scanned: string | undefined;
function workspaceWithScan(): string {
  if (scanned) return scanned;
  const ws = tempDir('cto-report-ws-');
  const repo = buildRepo(
    tempDir(),
    [
      {
        author: ADA,
        date: '2025-05-01T10:00:00Z',
        files: { 'package.json': '{"name":"x","dependencies":{"left-pad":"1.3.0"}}\n', 'src/a.js': 'a\n' },
      },
      { author: BOB, date: '2025-06-01T10:00:00Z', files: { 'src/b.js': 'b\n' } },
    ],
    { tags: [{ name: 'v1.0.0', at: 1 }] },
  );
  const r = cto(['scan', repo, '--workspace', ws]);
  expect(r.code).toBe(0);
  scanned = ws;
  return ws;
}

function readModel(dir: string) {
  const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

describe('cto report', () => {
  test('an empty store writes a report that says so, valid against the schema', async () => {
    const ws = await workspaceWithEmptyStore();
    const r = cto(['report', '--workspace', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no scanned repository/);
    const doc = readModel(join(ws, 'cto-report'));
    expect(doc.schema).toBe('cto.report/v2');
    expect(readFileSync(join(ws, 'cto-report', 'index.html'), 'utf8')).toContain('no scanned repository');
  });

  test('a bad --since is a usage error; one before the first snapshot is said in the report', () => {
    const ws = workspaceWithScan();
    expect(cto(['report', '--workspace', ws, '--since', '2025-13-40']).code).toBe(2);
    const r = cto(['report', '--workspace', ws, '--since', '2000-01-01', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.changes.message).toMatch(/No snapshot had finished by 2000-01-01/);
    expect(readFileSync(join(ws, 'cto-report', 'report.md'), 'utf8')).toMatch(
      /## What changed since 2000-01-01\n\n> No snapshot/,
    );
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // --today fixes the report date, so the same store gives the same report on any day.
    const dated = cto(['report', '--workspace', ws, '--today', '2030-01-02', '--json']);
    expect(JSON.parse(dated.stdout).generatedAt).toBe('2030-01-02T00:00:00.000Z');
    const badToday = cto(['report', '--workspace', ws, '--today', 'tomorrow']);
    expect(badToday.code).toBe(2);
    expect(badToday.stderr).toMatch(/--today takes a date as YYYY-MM-DD/);
  });

  test('a store from an older version is migrated first, then reported', () => {
    const ws = tempDir('cto-report-old-');
    const file = join(ws, '.cto', 'cto.db');
    execFileSync('mkdir', ['-p', join(ws, '.cto')]);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
    return new Migrator({ db, provider: migrationProvider('sqlite') })
      .migrateTo('0001-initial')
      .then(async (res) => {
        expect(res.error).toBeUndefined();
        await db.destroy();
        const r = cto(['report', '--workspace', ws]);
        expect(r.code).toBe(0);
        readModel(join(ws, 'cto-report'));
      });
  });

  const browser = existsSync(CHROMIUM_PATH);
  test.skipIf(!browser)(
    `the HTML renders in Chromium with no console error and no request; the PDF has the report's text${browser ? '' : ` (skipped: ${CHROMIUM_PATH} is missing; apt-get install chromium poppler-utils)`}`,
    async () => {
      const ws = workspaceWithScan();
      const r = cto(['report', '--workspace', ws, '--pdf', '--anonymize']);
      expect(r.code, r.stderr).toBe(0);
      const out = join(ws, 'cto-report');
      const doc = readModel(out);
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      expect(html).not.toMatch(/ada@example\.com|Ada Lovelace/);
      const { chromium } = await import('playwright-core');
      const b = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      try {
        const page = await b.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('request', (q) => !q.url().startsWith('file:') && requests.push(q.url()));
        await page.goto(`file://${join(out, 'index.html')}`);
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        expect(await page.locator('#summary table:first-of-type tr').count()).toBe(7);
        expect(await page.locator('section.area').count()).toBe(6);
        const charts: string[] = doc.sections.flatMap((s: { charts: Array<{ id: string }> }) =>
          s.charts.map((c) => c.id),
        );
        expect(charts).toContain('activity');
        for (const id of charts) expect(await page.locator(`svg[data-chart="${id}"]`).count()).toBe(1);
        // Every figure's value links to its evidence.
        const figureId = doc.sections[0].figures[0].id;
        expect(await page.locator(`a[href="#ev-${figureId}"]`).count()).toBe(1);
        expect(await page.locator(`details#ev-${figureId}`).count()).toBe(1);
        await page.screenshot({ path: join(out, 'screenshot.png'), fullPage: true });
      } finally {
        await b.close();
      }
      const pdf = join(out, 'report.pdf');
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      for (const s of [
        'Executive summary',
        'Technology strategy',
        'Budget and vendors',
        'Not measured:',
        'Appendix',
      ])
        expect(text).toContain(s);
    },
    180_000,
  );
});

const DATA = '/work/shared/data';

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

/** The npm OSV records, read once per file. */
let npmFeed: ReturnType<typeof importOsvZip> | undefined;
/** npm advisory ids whose ranges contain the version, by the `semver` package. */
async function advisoriesOf(name: string, version: string): Promise<Set<string>> {
  npmFeed ??= importOsvZip(`${DATA}/osv/npm/all.zip`);
  const feed = await npmFeed;
  const hit = feed.records.filter(
    (r) =>
      !r.withdrawn &&
      r.affected.some(
        (a) => a.name === name && a.ranges.some((x) => semver.satisfies(version, semverRange(x))),
      ),
  );
  return new Set(hit.map((r) => r.id));
}

const lockOf = (pins: Record<string, string>) =>
  JSON.stringify({
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: pins },
      ...Object.fromEntries(Object.entries(pins).map(([n, v]) => [`node_modules/${n}`, { version: v }])),
    },
  });
const manifestOf = (pins: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: pins });

describe.each(ENGINES)('cto report --since: vulnerabilities and end of life on %s', (engine) => {
  test('an upgrade shows as fixed, an added package as new; end-of-life items at risk and runway consumed', async () => {
    const before = { lodash: '4.17.4' };
    const after = { lodash: '4.17.21', minimist: '1.2.0' };
    const ws = tempDir('cto-report-since-');
    const repo = buildRepo(
      tempDir(),
      [
        {
          date: '2025-05-01T10:00:00Z',
          files: {
            'package.json': manifestOf(before),
            'package-lock.json': lockOf(before),
            '.nvmrc': '22\n',
            Dockerfile: 'FROM node:20-alpine\n',
          },
        },
        {
          date: '2025-12-01T10:00:00Z',
          files: { 'package.json': manifestOf(after), 'package-lock.json': lockOf(after) },
        },
      ],
      { tags: [{ name: 'v1', at: 0 }] },
    );
    const name = basename(repo);
    const db = freshStoreTarget(engine);
    const run = (...args: string[]) => cto([...args, '--workspace', ws, '--db', db]);
    expect(run('scan', repo, '--rev', 'v1').code).toBe(0);
    const store = await openStore(db);
    try {
      const r = await store.db
        .updateTable('snapshots')
        .set({ finished_at: '2025-06-01T12:00:00.000Z' })
        .executeTakeFirst();
      expect(Number(r.numUpdatedRows)).toBe(1);
    } finally {
      await store.close();
    }
    expect(run('scan', repo).code).toBe(0);
    const tree = tempDir();
    mkdirSync(join(tree, 'npm'));
    symlinkSync(`${DATA}/osv/npm/all.zip`, join(tree, 'npm', 'all.zip'));
    expect(run('feed', 'import', tree).code).toBe(0);
    expect(run('feed', 'import', `${DATA}/endoflife/products.json`).code).toBe(0);

    // Vulnerabilities through the command line: the JSON, the Markdown and the HTML.
    const res = run('report', '--since', '2025-06-15', '--json');
    expect(res.code, res.stderr).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const old = await advisoriesOf('lodash', before.lodash);
    const still = await advisoriesOf('lodash', after.lodash);
    const added = await advisoriesOf('minimist', after.minimist);
    const gone = [...old].filter((id) => !still.has(id)).sort();
    expect(gone.length).toBeGreaterThan(0);
    expect(added.size).toBeGreaterThan(0);
    type V = { repository: string; id: string; package: string; version: string };
    const v = doc.changes.vulnerabilities;
    expect(v.area).toBe('infrastructure-security');
    const ids = (list: V[], name: string) =>
      list
        .filter((x) => x.package === name)
        .map((x) => x.id)
        .sort();
    expect(ids(v.fixed, 'lodash')).toEqual(gone);
    expect(v.fixed.every((x: V) => x.package === 'lodash' && x.version === '4.17.4')).toBe(true);
    expect(ids(v.new, 'minimist')).toEqual([...added].sort());
    expect(ids(v.new, 'lodash')).toEqual([...still].filter((id) => !old.has(id)).sort());
    const md = readFileSync(join(ws, 'cto-report', 'report.md'), 'utf8');
    const html = readFileSync(join(ws, 'cto-report', 'index.html'), 'utf8');
    const [fixedId] = gone;
    const [newId] = [...added];
    expect(md).toContain(`**Infrastructure and security: Fixed vulnerabilities** (${gone.length})`);
    expect(md).toContain(`**Since 2025-06-15: New vulnerabilities** (${v.new.length})`);
    expect(md).toMatch(new RegExp(`- \\w+: ${name}: lodash 4\\.17\\.4 ${fixedId}`));
    expect(md).toMatch(new RegExp(`- \\w+: ${name}: minimist 1\\.2\\.0 ${newId}`));
    const area = html.slice(html.indexOf('id="area-infrastructure-security"'));
    expect(area.slice(0, area.indexOf('</section>'))).toContain(
      `Since 2025-06-15: Fixed vulnerabilities (${gone.length})`,
    );
    expect(html).toContain(`${name}: minimist 1.2.0 ${newId}`);

    // End of life on fixed dates: DATE against a report date of 2026-01-15.
    const products = JSON.parse(readFileSync(`${DATA}/endoflife/products.json`, 'utf8'));
    const eolOf = (cycle: string) =>
      products.nodejs.releases.find((r: { releaseCycle: string }) => String(r.releaseCycle) === cycle).eol;
    const runway = (today: string, eol: string) =>
      Math.round(((Date.parse(eol) - Date.parse(today)) / 86_400_000 / (365.25 / 12)) * 10) / 10;
    const since = '2025-06-15';
    const today = '2026-01-15';
    const node20 = [runway(since, eolOf('20')), runway(today, eolOf('20'))];
    expect(node20[0]).toBeGreaterThan(6);
    expect(node20[1]).toBeGreaterThan(0);
    expect(node20[1]).toBeLessThanOrEqual(6);
    const node22 = [runway(since, eolOf('22')), runway(today, eolOf('22'))];
    const s2 = await openStore(db);
    try {
      const model = await buildReport(s2, { since, now: new Date(`${today}T12:00:00Z`) });
      const e = model.changes?.endOfLife;
      expect(e?.area).toBe('technology-strategy');
      expect(e?.newlyAtRisk).toEqual([
        {
          repository: name,
          kind: 'image',
          subject: 'node',
          product: 'nodejs',
          severity: 'medium',
          before: {
            version: '20-alpine',
            cycle: '20',
            eol: eolOf('20'),
            runwayMonths: node20[0],
            status: 'supported',
          },
          after: {
            version: '20-alpine',
            cycle: '20',
            eol: eolOf('20'),
            runwayMonths: node20[1],
            status: 'within-window',
          },
        },
      ]);
      const consumed = (r: { kind: string }) => e?.runway.find((x) => x.kind === r.kind)?.consumedMonths;
      expect(consumed({ kind: 'image' })).toBe(Math.round((node20[0]! - node20[1]!) * 10) / 10);
      expect(consumed({ kind: 'runtime' })).toBe(Math.round((node22[0]! - node22[1]!) * 10) / 10);
      expect(e?.runway.map((x) => [x.kind, x.subject, x.before.version, x.after.version])).toEqual([
        ['image', 'node', '20-alpine', '20-alpine'],
        ['runtime', 'node', '22', '22'],
      ]);
      expect(validate(JSON.parse(JSON.stringify(model))), JSON.stringify(validate.errors)).toBe(true);
    } finally {
      await s2.close();
    }
  }, 300_000);
});
