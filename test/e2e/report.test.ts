// `cto report` as a person sees it: files written, the JSON valid against the published schema,
// the HTML rendered in headless Chromium with no console errors and no network, the PDF's text.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/report/render-pdf.ts';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

afterAll(() => cleanupTemp());

const schema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../docs/report-schema.json'), 'utf8'),
);
const ajv = new Ajv({ allErrors: true });
(formats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(schema);

function workspaceWithScan(): string {
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
  return ws;
}

function readModel(dir: string) {
  const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

describe('cto report', { timeout: 60_000 }, () => {
  test('an empty store writes a report that says so, valid against the schema', () => {
    const ws = tempDir('cto-report-empty-');
    const r = cto(['report', '--workspace', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no scanned repository/);
    const doc = readModel(join(ws, 'cto-report'));
    expect(doc.schema).toBe('cto.report/v1');
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
        'No data: import costs.',
        'Appendix',
      ])
        expect(text).toContain(s);
    },
    90_000,
  );
});
