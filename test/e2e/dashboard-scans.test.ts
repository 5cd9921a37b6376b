// An admin starts a scan of every source from the dashboard, in Debian's Chromium through
// playwright-core: `cto serve` on a workspace whose sources.yaml lists a folder of two repositories
// (synced, never scanned); the scans page shows the scan running with its progress, then its outcome,
// with no console error, no failed request and no refused response. Screenshots go to /tmp/dash-scans.
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/report/render-pdf.ts';
import { buildDashboard, startServe, watchPage } from '../helpers/browser.ts';
import { CTO_BIN, cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

const browserPresent = existsSync(CHROMIUM_PATH);
const SHOTS = '/tmp/dash-scans';
const PASSWORD = 'a sufficiently long password';
/** A scan of two repositories in the server's process: seconds on a busy machine. */
const WAIT = { timeout: 90_000, interval: 100 };

/** Two repositories listed by a folder source, synced into the store but not scanned. */
function buildWorkspace(): string {
  const ws = tempDir('cto-dash-scans-');
  const repos = join(ws, 'repos');
  buildRepo(
    join(repos, 'shop'),
    Array.from({ length: 150 }, (_, i) => ({
      author: i % 2 ? ADA : BOB,
      date: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      files: { [`src/m${i % 20}.ts`]: `export const v = ${i};\n`.repeat(1 + (i % 7)) },
    })),
  );
  buildRepo(join(repos, 'docs-site'), [{ author: BOB, files: { 'index.js': 'module.exports = 1;\n' } }]);
  writeFileSync(join(ws, 'sources.yaml'), `sources:\n  - folder: ${repos}\n`);
  const sync = cto(['-w', ws, 'sources', 'sync']);
  expect(sync.code, sync.stderr).toBe(0);
  const added = spawnSync(
    process.execPath,
    [CTO_BIN, '-w', ws, 'users', 'add', 'ada@office.test', '--role', 'admin', '--password-stdin'],
    { input: `${PASSWORD}\n`, encoding: 'utf8', env: { ...process.env, CTO_DB: '' } },
  );
  expect(added.status, added.stderr).toBe(0);
  return ws;
}

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let base = '';
const problems: string[] = [];

describe.skipIf(!browserPresent)(
  `scans from the dashboard in Chromium${browserPresent ? '' : ` (skipped: ${CHROMIUM_PATH} is missing)`}`,
  () => {
    let page: Page;

    beforeAll(async () => {
      rmSync(SHOTS, { recursive: true, force: true });
      mkdirSync(SHOTS, { recursive: true });
      const [ws] = await Promise.all([Promise.resolve().then(buildWorkspace), buildDashboard()]);
      ({ server, base } = await startServe(ws as string));
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      watchPage(page, problems);
    }, 170_000);

    afterAll(async () => {
      await browser?.close();
      server?.kill('SIGTERM');
      cleanupTemp();
    });

    test('an admin signs in, opens Scans, presses "Scan every source": the page shows the scan running, then done with both repositories scanned', async () => {
      await page.goto(`${base}/`);
      await page.getByLabel('E-mail').fill('ada@office.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Overview');
      // Before signing in, the dashboard asks who is signed in: 401, and nothing else went wrong.
      expect(problems.filter((p) => !/HTTP 401: .*\/api\/v1\/session$|status of 401/.test(p))).toEqual([]);
      problems.length = 0;
      await page.getByRole('link', { name: 'Scans', exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Scans');
      await expect.poll(() => page.getByText('No scan started from the server yet.').count(), WAIT).toBe(1);
      // Every line the page says about the scan, as it says it.
      await page.evaluate(() => {
        const said: string[] = [];
        (window as unknown as { said: string[] }).said = said;
        new MutationObserver(() => {
          const text = document.querySelector('.notice')?.textContent ?? '';
          if (text && said.at(-1) !== text) said.push(text);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByRole('button', { name: 'Scan every source' }).click();
      await expect
        .poll(() => page.getByRole('status').textContent(), WAIT)
        .toMatch(/^Scan 1 is done: 2 of 2 repositories; 2 scanned, 0 unchanged, 0 partial, 0 failed\.$/);
      const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
      // Its progress first (running, repositories done of those found), then its outcome.
      const running = said.filter((s) => /^Scan 1 is running: \d+ of (\d+|\?) repositories done\.$/.test(s));
      expect(running.length, said.join(' | ')).toBeGreaterThan(0);
      expect(said.indexOf(running[0] as string)).toBeLessThan(said.length - 1);
      expect(said.at(-1)).toMatch(/^Scan 1 is done/);
      // The table shows the scan done, two of two, started by the admin, of every source.
      const row = page.locator('.table-block tbody tr').first();
      const cells = await row.locator('td').allTextContents();
      expect(cells.slice(0, 5)).toEqual(['1', 'done', '2 of 2', '0', 'every source']);
      await page.screenshot({ path: join(SHOTS, 'scans-done.png') });
      // The scan's snapshots are in the store: each repository's last successful scan (`cto status`).
      const status = (await (await page.request.get(`${base}/api/v1/status`)).json()) as {
        repositories: { name: string; lastSuccessAt: string | null }[];
      };
      expect(status.repositories.map((r) => r.name).sort()).toEqual(['docs-site', 'shop']);
      expect(status.repositories.every((r) => r.lastSuccessAt !== null)).toBe(true);
      expect(problems).toEqual([]);
    });
  },
);
