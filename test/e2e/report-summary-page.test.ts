// The executive summary fits the PDF's first page: with many risks, long titles, long names and more
// decisions than the page shows, page 1 ends with the summary's last item and page 2 starts elsewhere.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildReport } from '../../src/report/model.ts';
import { CHROMIUM_PATH } from '../../src/report/render-pdf.ts';
import type { ReportModel } from '../../src/report/types.ts';
import { writeReport } from '../../src/report/write.ts';
import { DEFAULT_SLA } from '../../src/risk/config.ts';
import type { DecisionEntry } from '../../src/risk/decisions.ts';
import { syncRegister } from '../../src/risk/register.ts';
import { openStore } from '../../src/store/store.ts';
import { problem } from '../fixtures/risk/problems.ts';
import { cto } from '../helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

const NAME = 'payments-settlement-reconciliation-service-with-a-very-long-repository-name';
const TEAM = 'Payments Settlement and Reconciliation Platform Engineering Team';
const NOW = new Date('2026-12-06T12:00:00Z');
const browser = existsSync(CHROMIUM_PATH);

let repo = '';
beforeAll(() => {
  repo = join(tempDir('cto-summary-page-'), NAME);
  buildRepo(repo, [
    {
      date: '2025-01-10T10:00:00Z',
      files: { 'package.json': '{"name":"x","dependencies":{"left-pad":"1.3.0"}}\n', 'src/a.js': 'a\n' },
    },
    { date: '2025-02-10T10:00:00Z', files: { 'src/b.js': 'b\n' } },
  ]);
});
afterAll(async () => {
  cleanupTemp();
  await dropTestSchemas();
});

/** 30 risks with long titles and package names, the first 12 accepted until within the window. */
function longProblems() {
  return Array.from({ length: 30 }, (_, i) => {
    const pkg = `npm/@enterprise-platform-internal/extremely-long-package-name-number-${i}`;
    return problem({
      key: `vulnerability:${NAME}:${pkg}:GHSA-${String(i).padStart(4, '0')}`,
      repository: NAME,
      subject: pkg,
      title: `GHSA-${String(i).padStart(4, '0')} ${pkg} 1.2.${i}: prototype pollution through a crafted configuration object allows remote attackers to execute arbitrary code in the server process of every tenant`,
      severity: i % 3 === 0 ? 'critical' : 'high',
      owner: TEAM,
      since: '2026-01-01',
      aliases: [],
    });
  });
}

const pdfText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe.each(ENGINES)('the summary page on %s', (engine) => {
  test.skipIf(!browser)(
    `page 1 holds the whole summary, page 2 does not continue it${browser ? '' : ' (skipped: no Chromium)'}`,
    async () => {
      const ws = tempDir('cto-summary-ws-');
      const db = freshStoreTarget(engine);
      expect(cto(['scan', repo, '--workspace', ws, '--db', db]).code).toBe(0);
      const store = await openStore(db);
      let model: ReportModel;
      try {
        const problems = longProblems();
        const decisions: DecisionEntry[] = problems.slice(0, 12).map((p, i) => ({
          key: p.key,
          accept: { reason: 'compensating control', owner: TEAM, expires: `2027-0${1 + (i % 5)}-15` },
        }));
        await syncRegister(store, {
          problems,
          scopes: [{ repository: NAME, snapshotId: null, commit: null }],
          decisions,
          sla: DEFAULT_SLA,
          at: '2026-10-01T00:00:00.000Z',
          score: (p) => (p.severity === 'critical' ? 15 : 10.5),
        });
        model = await buildReport(store, { now: NOW });
      } finally {
        await store.close();
      }
      // The store gives what the page must hold: ten top risks and more decisions than it shows.
      expect(model.summary.topRisks).toHaveLength(10);
      expect(model.summary.topRisks.some((r) => r.status === 'overdue')).toBe(true);
      const decisions = model.summary.decisions;
      expect(decisions.filter((d) => d.kind === 'acceptance-expiring')).toHaveLength(12);
      expect(decisions.some((d) => d.kind === 'key-people-left')).toBe(true);

      const out = join(ws, 'report');
      expect((await writeReport(model, out, true)).pdf).toBe('written');
      const pdf = join(out, 'report.pdf');
      const one = flat(pdfText(pdf, 1));
      const two = flat(pdfText(pdf, 2));
      expect(one).toContain('Executive summary');
      // Every area's row, every top risk and the first decisions shown are on page 1 ...
      for (const a of model.summary.areas) expect(one).toContain(a.title);
      for (const [i, r] of model.summary.topRisks.entries()) {
        expect(one, `top risk ${i + 1}`).toContain(r.title.slice(0, 10));
      }
      expect(one).toContain(`${decisions.length - 8} more decisions needed`);
      // ... through the summary's last line; page 2 starts after it.
      expect(one).toContain('End of the summary');
      expect(two).not.toContain('End of the summary');
      expect(two).not.toContain('more decisions needed');
      expect(two).not.toMatch(/Decisions needed|Top risks|acceptance expires/);
    },
    180_000,
  );
});
