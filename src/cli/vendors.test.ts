// `cto vendors`, `cto budget` and the report's budget area as a user meets them: vendors.yaml joined to a
// scanned repository, labour rates in cto.yaml and the FOCUS sample imported, on both store engines.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FOCUS_SAMPLE } from '../../test/fixtures/costs/focus.ts';
import { cto } from '../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const PACKAGE = JSON.stringify({
  name: 'shop',
  dependencies: { stripe: '^17.0.0', '@sentry/node': '^8.0.0' },
  devDependencies: { typescript: '^5.0.0' },
});

const VENDORS = `vendors:
  - vendor: Datadog
    product: Pro
    owner: Platform
    renewal: 2027-02-01
    notice: 60 days
    cost-per-year: 48000.50
    currency: EUR
    seats: { bought: 50, used: 20 }
    technologies: [datadog]
  - vendor: Sentry
    renewal: 2027-09-01
    cost-per-year: "1200"
    currency: USD
    technologies: [sentry]
`;

describe.each(ENGINES)('cto vendors on %s', (engine) => {
  const root = tempDir();
  buildRepo(join(root, 'shop'), [
    { date: '2026-11-02T10:00:00Z', files: { 'package.json': PACKAGE, 'src/index.js': 'export {}\n' } },
  ]);
  const ws = tempDir();
  writeFileSync(join(ws, 'vendors.yaml'), VENDORS);
  const db = ['--workspace', ws, '--db', freshStoreTarget(engine)];
  const scan = cto(['scan', root, ...db]);

  test('a contract for a technology no repository uses, and a commercial one used with no contract', () => {
    expect(scan.code).toBe(0);
    const run = cto(['vendors', '--today', '2026-12-07', '--json', ...db]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.schema).toBe('cto.vendors/v1');
    expect(doc.repositories).toBe(1);
    expect(
      doc.contracts.map((c: { vendor: string; use: string; renewalStatus: string }) => [
        c.vendor,
        c.use,
        c.renewalStatus,
      ]),
    ).toEqual([
      // Notice by 2026-12-03, four days before the reference date, renewal on 1 February.
      ['Datadog', 'unused', 'decide'],
      ['Sentry', 'used', 'later'],
    ]);
    expect(doc.uncovered).toEqual([
      { id: 'stripe', name: 'Stripe', category: 'saas', repositories: ['shop'] },
    ]);
    expect(doc.totals.unusedPerYear).toEqual([{ amount: '48000.50', currency: 'EUR' }]);
    expect(doc.totals.perYear).toEqual([
      { amount: '48000.50', currency: 'EUR' },
      { amount: '1200.00', currency: 'USD' },
    ]);
    const text = cto(['vendors', '--today', '2026-12-07', ...db]).stdout.split('\n');
    expect(text[0]).toBe('Contracts: 2, 48,001 EUR + 1,200 USD a year; 1 repository scanned');
    expect(text[1]).toBe('Paying for what we do not use: Datadog Pro (48,001 EUR a year)');
    expect(text[2]).toBe('Using what we do not pay for: Stripe (shop)');
    expect(text[3]).toBe('Decisions needed: Datadog Pro renews 2027-02-01, notice by 2026-12-03');
  });

  test('the report: budget area filled, the unused contract reported, the renewal a decision needed', () => {
    writeFileSync(
      join(ws, 'cto.yaml'),
      'budget:\n  labour:\n    currency: EUR\n    default: 10000\ncosts:\n  default:\n    repository: shop\n',
    );
    expect(cto(['costs', 'import', FOCUS_SAMPLE, ...db]).code).toBe(0);
    const run = cto(['report', '--today', '2026-12-07', '--json', ...db]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    const area = doc.sections.find((s: { id: string }) => s.id === 'budget-vendors');
    expect(area.rating).not.toBe('grey');
    expect(area.missing).toEqual([]);
    const fig = (id: string) => area.figures.find((f: { id: string }) => f.id === id)?.value;
    expect(fig('unused-contracts')).toBe('Datadog Pro (datadog): 48,001 EUR a year');
    expect(fig('uncovered-technologies')).toBe('Stripe (shop)');
    expect(fig('renewals-90d')).toBe('Datadog Pro on 2027-02-01 (notice by 2026-12-03, 48,001 EUR a year)');
    expect(area.line).toContain('1 contract pays for technology no scanned repository uses');
    // No rule names a team: all of the sample's September 2024 spend (20.52022672899 USD by Python's
    // Decimal sum of BilledCost) is the unallocated team's, shown to the cent.
    expect(fig('spend-team-USD-unallocated')).toBe('2024-09: 20.52 USD');
    // The FOCUS sample bills in USD only; the labour rate makes the debt interest a figure in EUR.
    expect(area.kpis.map((k: { id: string }) => k.id)).toEqual([
      'spend-usd',
      'unallocated-usd',
      'renewals-90d',
      'debt-interest-eur',
    ]);
    expect(doc.summary.decisions.filter((d: { kind: string }) => d.kind === 'renewal-due')).toMatchObject([
      { subject: 'Datadog Pro', due: '2026-12-03', owner: 'Platform' },
    ]);
    // One person, one month (November 2026) of commits in the window: one person-month at the default rate.
    const budget = JSON.parse(cto(['budget', '--today', '2026-12-07', '--json', ...db]).stdout);
    expect(budget.schema).toBe('cto.budget/v1');
    expect(budget.labour.repositories).toMatchObject([
      { name: 'shop', personMonths: 1, cost: { amount: '10000.00', currency: 'EUR' } },
    ]);
    // In a window holding the FOCUS sample's month (September 2024) and no commit: ownership is the
    // allocated spend, a month on average. Python's Decimal sums BilledCost to 20.52022672899 USD; / 12.
    const then = JSON.parse(cto(['budget', '--today', '2024-11-15', '--json', ...db]).stdout);
    expect(then.ownership.repositories).toEqual([
      {
        name: 'shop',
        labourPerMonth: null,
        spendPerMonth: [{ amount: '1.71', currency: 'USD' }],
        totalPerMonth: [{ amount: '1.71', currency: 'USD' }],
      },
    ]);
  });

  test('a bad vendors.yaml is a diagnostic with its line and exit 2, not a crash', () => {
    const bad = tempDir();
    writeFileSync(join(bad, 'vendors.yaml'), VENDORS.replace('[datadog]', '[datadgo]'));
    const run = cto(['vendors', '--json', '--workspace', bad, '--db', db[3] as string]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('vendors.yaml:10: vendors.0.technologies.0: not a technology id');
    const doc = JSON.parse(run.stdout);
    expect(doc.file.problem).toMatch(/^vendors\.yaml:10:/);
    expect(doc.uncovered).toEqual([]);
  });
});
