// The dashboard as a person uses it, in Debian's Chromium through playwright-core: `cto serve` on a
// scanned workspace (two repositories of two teams, the npm advisories of /work/shared/data,
// history points), signed in with the password of `cto users add`. Every page
// loads with no console error, no failed request and no refused response; the key flows click
// through; screenshots at laptop (1366×768) and phone (390×844) sizes go to /tmp/dash-shots.
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/report/render-pdf.ts';
import type { ReportModel } from '../../src/report/types.ts';
import { buildDashboard, startServe, watchPage } from '../helpers/browser.ts';
import { CTO_BIN, cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, CY, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

const browserPresent = existsSync(CHROMIUM_PATH);
const SHOTS = '/tmp/dash-shots';
const DATA = '/work/shared/data';
const PASSWORD = 'a sufficiently long password';
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** Signing in hashes the password (scrypt) and the report is built per request: seconds on a busy machine. */
const WAIT = { timeout: 30_000, interval: 100 };

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** Two repositories of two teams: shop (vulnerable npm packages) and docs-site. */
function buildWorkspace(): string {
  const ws = tempDir('cto-dash-ws-');
  const deps = { lodash: '4.17.4', minimist: '1.2.0' };
  const lock = {
    name: 'shop',
    version: '1.0.0',
    lockfileVersion: 3,
    packages: {
      '': { name: 'shop', version: '1.0.0', dependencies: deps },
      'node_modules/lodash': { version: '4.17.4' },
      'node_modules/minimist': { version: '1.2.0' },
    },
  };
  buildRepo(
    join(ws, 'repos', 'shop'),
    [
      {
        author: ADA,
        date: daysAgo(300),
        files: {
          'package.json': JSON.stringify({ name: 'shop', dependencies: deps }),
          'package-lock.json': JSON.stringify(lock),
          'src/cart.ts': 'export const cart = 1;\n',
          '.nvmrc': '16\n',
        },
      },
      { author: BOB, date: daysAgo(120), files: { 'src/pay.ts': 'export const pay = 2;\n'.repeat(40) } },
      { author: ADA, date: daysAgo(10), files: { 'src/cart.ts': 'export const cart = 3;\n'.repeat(30) } },
    ],
    { tags: [{ name: 'v1.0.0', at: 1 }] },
  );
  buildRepo(join(ws, 'repos', 'docs-site'), [
    { author: CY, date: daysAgo(200), files: { 'index.js': 'module.exports = 1;\n' } },
    { author: BOB, date: daysAgo(60), files: { 'index.js': 'module.exports = 2;\n' } },
  ]);
  writeFileSync(
    join(ws, 'teams.yaml'),
    'teams:\n  - name: platform\n    owns: [shop]\n  - name: web\n    owns: [docs-site]\n',
  );
  const feeds = join(ws, 'feeds');
  mkdirSync(join(feeds, 'npm'), { recursive: true });
  symlinkSync(`${DATA}/osv/npm/all.zip`, join(feeds, 'npm', 'all.zip'));
  for (const args of [
    ['feed', 'import', feeds],
    ['scan', join(ws, 'repos'), '--history', '1q'],
  ]) {
    const r = cto(['-w', ws, ...args]);
    expect(r.code, r.stderr).toBeLessThanOrEqual(1);
  }
  for (const [email, role] of [
    ['ada@office.test', 'member'],
    ['bo@office.test', 'board'],
  ]) {
    const added = spawnSync(
      process.execPath,
      [CTO_BIN, '-w', ws, 'users', 'add', email as string, '--role', role as string, '--password-stdin'],
      { input: `${PASSWORD}\n`, encoding: 'utf8', env: { ...process.env, CTO_DB: '' } },
    );
    expect(added.status, added.stderr).toBe(0);
  }
  return ws;
}

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let base = '';
let report: ReportModel;

/** What went wrong in the browser: console errors, page errors, failed requests, refused responses. */
const problems: string[] = [];

/** Go to a page as a link does: the client's router, without reloading the application. */
async function visit(page: Page, url: string): Promise<void> {
  await page.evaluate((u) => {
    history.pushState(null, '', u);
    dispatchEvent(new PopStateEvent('popstate'));
  }, url);
  await settled(page);
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.loading').count(), WAIT).toBe(0);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

describe.skipIf(!browserPresent)(
  `the dashboard in Chromium${browserPresent ? '' : ` (skipped: ${CHROMIUM_PATH} is missing; apt-get install chromium)`}`,
  () => {
    let page: Page;

    beforeAll(async () => {
      rmSync(SHOTS, { recursive: true, force: true });
      mkdirSync(SHOTS, { recursive: true });
      const [ws] = await Promise.all([Promise.resolve().then(buildWorkspace), buildDashboard()]);
      ({ server, base } = await startServe(ws as string));
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: LAPTOP });
      watchPage(page, problems);
    }, 170_000);

    afterAll(async () => {
      await browser?.close();
      server?.kill('SIGTERM');
      cleanupTemp();
    });

    test('log in: the HTML is under the strict policy; a wrong password is said; the right one opens the overview', async () => {
      const first = await page.goto(`${base}/`);
      expect(first?.headers()['content-security-policy']).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
      );
      await page.getByLabel('E-mail').fill('ada@office.test');
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toContain('do not match');
      await shot(page, 'login-refused');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await settled(page);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Overview');
      // Before signing in, the dashboard asks who is signed in (401) and the wrong password is refused (401).
      expect(problems.filter((p) => !/HTTP 401: .*\/api\/v1\/session$|status of 401/.test(p))).toEqual([]);
      problems.length = 0;
      report = (await (await page.request.get(`${base}/api/v1/report`)).json()) as ReportModel;
      expect(report.schema).toBe('cto.report/v2');
    });

    test('the overview says what the report summary says: every area, the register, top risks, decisions', async () => {
      await visit(page, `/`);
      const cards = page.locator('.area-card');
      expect(await cards.count()).toBe(report.summary.areas.length);
      for (const [i, a] of report.summary.areas.entries()) {
        const card = cards.nth(i);
        expect(await card.locator('h3').textContent()).toBe(a.title);
        expect(await card.locator('.rating').textContent()).toMatch(new RegExp(`^${a.rating}:`));
        expect(await card.textContent()).toContain(a.sentence);
        if (a.headline)
          expect(await card.locator('.kpi-value a').first().textContent()).toBe(a.headline.display);
        for (const d of a.drivers) expect(await card.textContent()).toContain(d);
      }
      const register = await page.locator('.register').textContent();
      expect(register).toContain(`${report.summary.register.open} open`);
      expect(await page.locator('.top-risks > li').count()).toBe(report.summary.topRisks.length);
      expect(report.summary.topRisks.length).toBeGreaterThan(0);
      await shot(page, 'overview-laptop');
      expect(problems).toEqual([]);
    });

    test('every page loads with no console error, no failed request and no refused response', async () => {
      const risks = (await (await page.request.get(`${base}/api/v1/risks?status=all&limit=1000`)).json()) as {
        risks: { key: string }[];
      };
      const finding = report.sections.flatMap((s) => s.findings)[0];
      const kpi = report.sections.find((s) => s.kpis.length > 0);
      const pages: Array<[string, string]> = [
        ['/', 'overview'],
        ...report.sections.map((s): [string, string] => [`/areas/${s.id}`, `area-${s.id}`]),
        ['/portfolio', 'portfolio'],
        ['/teams/platform', 'team-platform'],
        ['/repositories/shop', 'repository-shop'],
        ['/risks', 'risks'],
        [`/risks/${encodeURIComponent(risks.risks[0]?.key ?? '')}`, 'risk'],
        ['/findings', 'findings'],
        [`/findings?id=${encodeURIComponent(finding?.id ?? '')}`, 'finding'],
        [`/evidence/${kpi?.id}/${encodeURIComponent(kpi?.kpis[0]?.id ?? '')}`, 'evidence'],
        ['/trends', 'trends'],
        ['/trends?by=team', 'trends-team'],
        ['/search?q=lodash', 'search'],
        ['/scans', 'scans'],
      ];
      // A client route loaded directly gets the application, which shows that page.
      const delivery = report.sections.find((s) => s.id === 'delivery');
      const direct = await page.goto(`${base}/areas/delivery`);
      expect(direct?.status()).toBe(200);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe(delivery?.title);
      for (const [url, name] of pages) {
        await visit(page, url);
        expect([url, await page.locator('.problem').count()]).toEqual([url, 0]);
        expect([url, await page.locator('h1').count()]).toEqual([url, 1]);
        // Nothing of the page before stays behind (the search page draws no chart).
        if (url.startsWith('/search')) {
          expect(await page.locator('figure').count()).toBe(0);
          // The API's search: the package where it is used, and its advisories by id, linked to findings.
          const api = (await (
            await page.request.get(`${base}/api/v1/search?q=lodash&limit=1000`)
          ).json()) as {
            results: Array<{ kind: string; id: string }>;
          };
          const advisories = new Set(api.results.filter((r) => r.kind === 'advisory').map((r) => r.id));
          expect(advisories.size).toBeGreaterThan(0);
          expect(await page.locator('h2', { hasText: 'Advisories' }).textContent()).toBe(
            `Advisories (${advisories.size})`,
          );
          expect(await page.locator('h2', { hasText: 'Packages' }).textContent()).not.toBe('Packages (0)');
          const first = [...advisories][0] as string;
          expect(await page.locator(`a.evidence-link:text-is("${first}")`).count()).toBe(1);
        }
        await shot(page, name);
      }
      // The charts are drawn: one canvas per chart of the area.
      const security = report.sections.find((s) => s.id === 'infrastructure-security');
      await visit(page, `/areas/infrastructure-security`);
      expect(await page.locator('.chart-canvas:has(canvas)').count()).toBe(security?.charts.length);
      expect(problems).toEqual([]);
    });

    test('open a risk from the overview', async () => {
      await visit(page, `/`);
      const top = report.summary.topRisks[0];
      await page.locator('.top-risks > li').first().getByRole('link', { name: top?.title }).click();
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe(top?.title);
      expect(await page.locator('.facts').textContent()).toContain(top?.key);
      await shot(page, 'risk-opened');
      expect(problems).toEqual([]);
    });

    test('filter by team: the risks of one team, and the overview scoped to a team', async () => {
      await visit(page, `/risks`);
      const rows = page.locator('.table-block tbody tr');
      const all = await rows.count();
      expect(all).toBeGreaterThan(1);
      // Sorted by score, highest first; a click on a heading sorts by that column.
      const scores = (await page.locator('.table-block tbody tr td:nth-child(7)').allTextContents()).map(
        Number,
      );
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      await page.getByRole('button', { name: 'Risk', exact: true }).click();
      const titles = await page.locator('.table-block tbody tr td:nth-child(2)').allTextContents();
      expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Risk');
      await page.locator('select[name="team"]').selectOption('platform');
      const teamCells = await page.locator('.table-block tbody tr td:nth-child(4)').allTextContents();
      expect(teamCells.length).toBeGreaterThan(0);
      expect(new Set(teamCells)).toEqual(new Set(['platform']));
      await page.locator('input[type="search"]').fill('minimist');
      const filtered = await page.locator('.table-block tbody tr td:nth-child(2)').allTextContents();
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((t) => t.toLowerCase().includes('minimist'))).toBe(true);
      await shot(page, 'risks-team-platform');
      await visit(page, `/`);
      await page.locator('select[name="team"]').selectOption('web');
      await settled(page);
      expect(page.url()).toBe(`${base}/?team=web`);
      expect(await page.locator('h1').textContent()).toBe('Overview: team web');
      const scoped = (await (await page.request.get(`${base}/api/v1/report?team=web`)).json()) as ReportModel;
      expect(await page.locator('.register').textContent()).toContain(`${scoped.summary.register.open} open`);
      await shot(page, 'overview-team-web');
      expect(problems).toEqual([]);
    });

    test('follow a number to its evidence: a headline KPI, then a repository, then a package', async () => {
      const area = report.summary.areas.find((a) => a.id === 'infrastructure-security');
      const headline = area?.headline;
      expect(headline).toBeTruthy();
      await visit(page, `/`);
      await page.locator('.area-card').filter({ hasText: area?.title }).locator('.kpi-value a').click();
      await settled(page);
      expect(page.url()).toContain(
        `/evidence/infrastructure-security/${encodeURIComponent(headline?.id ?? '')}`,
      );
      expect(await page.locator('h1').textContent()).toBe(headline?.label);
      expect(await page.locator('.big-figure').textContent()).toBe(headline?.display);
      expect(await page.locator('.sql-text').textContent()).toBe(headline?.sql);
      await shot(page, 'evidence-kpi');
      // Drill down: the portfolio, a team, its repository, a package its findings name.
      await visit(page, `/portfolio`);
      await page.getByRole('link', { name: 'platform', exact: true }).click();
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Team platform');
      await page.locator('.chips').getByRole('link', { name: 'shop', exact: true }).click();
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('shop');
      await page
        .locator('.two-col')
        .getByRole('link', { name: /lodash/ })
        .first()
        .click();
      await settled(page);
      const rows = await page.locator('.table-block tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(await page.locator('h1').textContent()).toMatch(/Findings · repository shop · package .*lodash/);
      await shot(page, 'drill-package');
      expect(problems).toEqual([]);
    });

    test('downloads: the findings as CSV, a repository SBOM and the report, from their links', async () => {
      const fetched = async (link: ReturnType<Page['locator']>) => {
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        return {
          name: download.suggestedFilename(),
          text: readFileSync((await download.path()) as string, 'utf8'),
        };
      };
      await visit(page, '/findings?repository=shop');
      const csv = await fetched(page.getByRole('link', { name: 'Download as CSV' }));
      expect(csv.name).toBe('findings.csv');
      const lines = csv.text.trim().split(/\r?\n/);
      const shopFindings = report.sections.flatMap((s) => s.findings).filter((f) => f.repository === 'shop');
      expect(lines.length - 1).toBe(shopFindings.length);
      await visit(page, '/repositories/shop');
      const sbom = await fetched(page.getByRole('link', { name: 'SBOM (CycloneDX)' }));
      expect(sbom.name).toBe('shop.cdx.json');
      expect(JSON.parse(sbom.text)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
      await visit(page, '/');
      const html = await fetched(page.getByRole('link', { name: 'Download the report (HTML)' }));
      expect(html.text).toContain('<html');
      expect(problems).toEqual([]);
    });

    test('a phone shows every page without sideways scrolling', async () => {
      const phone = await browser?.newPage({ viewport: PHONE });
      if (!phone) throw new Error('no browser');
      watchPage(phone, problems);
      await phone.request.post(`${base}/api/v1/session`, {
        data: { email: 'ada@office.test', password: PASSWORD },
      });
      for (const [url, name] of [
        ['/', 'phone-overview'],
        ['/areas/infrastructure-security', 'phone-area'],
        ['/risks', 'phone-risks'],
        ['/trends', 'phone-trends'],
      ] as const) {
        await (url === '/' ? phone.goto(`${base}/`).then(() => settled(phone)) : visit(phone, url));
        const width = await phone.evaluate(() => document.documentElement.scrollWidth);
        expect([url, width]).toEqual([url, PHONE.width]);
        await phone.screenshot({ path: join(SHOTS, `${name}.png`) });
      }
      await phone.close();
      expect(problems).toEqual([]);
    });

    test('the board sees the summary under pseudonyms and is not offered the portfolio', async () => {
      const board = await browser?.newPage({ viewport: LAPTOP });
      if (!board) throw new Error('no browser');
      watchPage(board, problems);
      const login = await board.request.post(`${base}/api/v1/session`, {
        data: { email: 'bo@office.test', password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      await board.goto(`${base}/`);
      await settled(board);
      expect(await board.locator('.meta').textContent()).toContain('people under pseudonyms');
      expect(await board.locator('.area-card').count()).toBe(report.summary.areas.length);
      expect(await board.locator('.nav').textContent()).not.toContain('Portfolio');
      await board.screenshot({ path: join(SHOTS, 'board-overview.png') });
      await visit(board, '/portfolio');
      expect(await board.locator('.problem').textContent()).toContain('Your role may not read the portfolio');
      await board.screenshot({ path: join(SHOTS, 'board-portfolio-refused.png') });
      // Signing out ends the session: the sign-in page again, and the API refuses the old cookie.
      await board.getByRole('button', { name: 'Log out' }).click();
      await expect.poll(() => board.getByRole('button', { name: 'Sign in' }).count(), WAIT).toBe(1);
      expect((await board.request.get(`${base}/api/v1/report/summary`)).status()).toBe(401);
      await board.close();
      expect(problems).toEqual([]);
    });
  },
);
