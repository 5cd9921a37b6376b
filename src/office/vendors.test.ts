import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { loadVendors } from './vendors.ts';

const KNOWN = new Set(['datadog', 'sentry', 'stripe']);

function workspace(text: string | null): string {
  const dir = tempDir('cto-vendors-');
  if (text !== null) writeFileSync(join(dir, 'vendors.yaml'), text);
  return dir;
}

const GOOD = `vendors:
  - vendor: Datadog
    product: Pro
    owner: Platform
    start: 2025-03-01
    renewal: 2027-03-01
    notice: 3 months
    cost-per-year: 48000.10
    currency: EUR
    seats: { bought: 50, used: 42 }
    technologies: [datadog]
  - vendor: Sentry
    cost-per-year: "12345678901234567.89"
    currency: USD
`;

describe('vendors.yaml', () => {
  it('reads contracts with exact amounts, notice periods and seats', () => {
    const file = loadVendors(workspace(GOOD), KNOWN);
    expect(file.problem).toBeNull();
    expect(file.contracts[0]).toEqual({
      vendor: 'Datadog',
      product: 'Pro',
      owner: 'Platform',
      start: '2025-03-01',
      renewal: '2027-03-01',
      notice: { count: 3, unit: 'month' },
      costPerYear: { amount: '48000.1', currency: 'EUR' },
      seats: { bought: 50, used: 42 },
      technologies: ['datadog'],
    });
    // A quoted amount keeps every digit a float would lose.
    expect(file.contracts[1]?.costPerYear).toEqual({ amount: '12345678901234567.89', currency: 'USD' });
    expect(file.contracts[1]?.technologies).toEqual([]);
  });

  it('an absent file is no register and no problem', () => {
    expect(loadVendors(workspace(null), KNOWN)).toEqual({ present: false, contracts: [], problem: null });
  });

  it.each([
    [
      'an unknown technology id',
      GOOD.replace('[datadog]', '[datadgo]'),
      /^vendors\.yaml:11: vendors\.0\.technologies\.0: not a technology id/,
    ],
    [
      'a day that is not in the calendar',
      GOOD.replace('2027-03-01', '2027-02-30'),
      /^vendors\.yaml:6: vendors\.0\.renewal: not a calendar date/,
    ],
    [
      'a misspelt key',
      GOOD.replace('renewal:', 'renewl:'),
      /^vendors\.yaml:6: vendors\.0\.renewl: unknown key \(did you mean "renewal"\?\)/,
    ],
    [
      'a cost without its currency',
      GOOD.replace('    currency: EUR\n', ''),
      /^vendors\.yaml:\d+: vendors\.0\.currency: give `cost-per-year` and `currency` together/,
    ],
    [
      'a currency that is not ISO 4217',
      GOOD.replace('EUR', 'euro'),
      /^vendors\.yaml:9: vendors\.0\.currency: an ISO 4217 code/,
    ],
    [
      'a notice period in years',
      GOOD.replace('3 months', '1 year'),
      /^vendors\.yaml:7: vendors\.0\.notice: a period such as/,
    ],
    [
      'a negative amount',
      GOOD.replace('48000.10', '-5'),
      /^vendors\.yaml:8: vendors\.0\.cost-per-year: an amount/,
    ],
  ])('%s is a problem naming file, line and key, not an exception', (_, text, message) => {
    const file = loadVendors(workspace(text), KNOWN);
    expect(file.present).toBe(true);
    expect(file.contracts).toEqual([]);
    expect(file.problem).toMatch(message);
  });
});
