import { describe, expect, it } from 'vitest';
import type { Contract, VendorsFile } from '../office/vendors.ts';
import { type CatalogueEntry, minus, type TechnologyUse, vendorsRegister } from './vendors.ts';

const CATALOGUE: CatalogueEntry[] = [
  { id: 'datadog', name: 'Datadog', category: 'observability', commercial: true },
  { id: 'sentry', name: 'Sentry', category: 'observability', commercial: true },
  { id: 'stripe', name: 'Stripe', category: 'saas', commercial: true },
  { id: 'postgresql', name: 'PostgreSQL', category: 'database' },
  { id: 'openai', name: 'OpenAI', category: 'ai', commercial: true },
];

function contract(c: Partial<Contract> & { vendor: string }): Contract {
  return {
    product: null,
    owner: null,
    start: null,
    renewal: null,
    notice: null,
    costPerYear: null,
    seats: null,
    technologies: [],
    ...c,
  };
}

const file = (contracts: Contract[]): VendorsFile => ({ present: true, contracts, problem: null });

const USES: TechnologyUse[] = [
  { repository: 'api', technology: 'sentry', exposures: ['runtime'] },
  { repository: 'api', technology: 'stripe', exposures: ['runtime', 'test'] },
  { repository: 'web', technology: 'stripe', exposures: ['runtime'] },
  { repository: 'api', technology: 'postgresql', exposures: ['runtime'] },
  { repository: 'docs', technology: 'datadog', exposures: ['docs'] },
  { repository: 'tools', technology: 'openai', exposures: ['development'] },
];

describe('the vendor register joined to the scan', () => {
  const r = vendorsRegister(
    file([
      contract({
        vendor: 'Datadog',
        technologies: ['datadog'],
        costPerYear: { amount: '48000.10', currency: 'EUR' },
      }),
      contract({
        vendor: 'Sentry',
        technologies: ['sentry'],
        costPerYear: { amount: '0.20', currency: 'EUR' },
      }),
      contract({ vendor: 'Acme', costPerYear: { amount: '100', currency: 'USD' } }),
    ]),
    USES,
    CATALOGUE,
    '2026-12-07',
    4,
  );

  it('a contract whose technologies are only in docs is unused; one naming none is not joined', () => {
    expect(r.contracts.map((c) => [c.vendor, c.use])).toEqual([
      ['Datadog', 'unused'],
      ['Sentry', 'used'],
      ['Acme', 'not-joined'],
    ]);
    expect(r.contracts[1]?.technologies).toEqual([{ id: 'sentry', name: 'Sentry', repositories: ['api'] }]);
  });

  it('uncovered: commercial, in runtime use, no contract (not open source, not development only)', () => {
    expect(r.uncovered).toEqual([
      { id: 'stripe', name: 'Stripe', category: 'saas', repositories: ['api', 'web'] },
    ]);
  });

  it('totals are exact and per currency, never converted', () => {
    expect(r.totals.perYear).toEqual([
      { amount: '48000.30', currency: 'EUR' },
      { amount: '100.00', currency: 'USD' },
    ]);
    expect(r.totals.unusedPerYear).toEqual([{ amount: '48000.10', currency: 'EUR' }]);
  });

  it('an invalid register reports no uncovered technology (it cannot tell)', () => {
    const bad = vendorsRegister(
      { present: true, contracts: [], problem: 'x' },
      USES,
      CATALOGUE,
      '2026-12-07',
      4,
    );
    expect(bad.uncovered).toEqual([]);
    const none = vendorsRegister(
      { present: false, contracts: [], problem: null },
      USES,
      CATALOGUE,
      '2026-12-07',
      4,
    );
    expect(none.uncovered.map((u) => u.id)).toEqual(['stripe', 'sentry']);
  });
});

describe('renewals and seats', () => {
  const at = (renewal: string | null, notice: Contract['notice'], day = '2026-12-07') =>
    vendorsRegister(file([contract({ vendor: 'X', renewal, notice })]), [], CATALOGUE, day, 0).contracts[0];

  it('the notice date is the renewal less the notice period, months by the calendar', () => {
    expect(minus('2027-05-31', { count: 3, unit: 'month' })).toBe('2027-02-28');
    expect(minus('2027-01-15', { count: 2, unit: 'month' })).toBe('2026-11-15');
    expect(minus('2027-01-15', { count: 2, unit: 'week' })).toBe('2027-01-01');
    expect(minus('2027-01-15', { count: 90, unit: 'day' })).toBe('2026-10-17');
  });

  it('decide when the notice date is within 30 days or past before the renewal', () => {
    // Notice by 2027-01-06: 30 days ahead.
    expect(at('2027-04-06', { count: 90, unit: 'day' })).toMatchObject({
      noticeBy: '2027-01-06',
      daysToRenewal: 120,
      renewalStatus: 'decide',
    });
    // Notice by 2027-01-07: 31 days ahead, renewal in 121 days: later.
    expect(at('2027-04-07', { count: 90, unit: 'day' })?.renewalStatus).toBe('later');
    // The notice date passed, the renewal not yet: still a decision (it renews unless acted on).
    expect(at('2026-12-20', { count: 1, unit: 'month' })?.renewalStatus).toBe('decide');
    // No notice period: the renewal date itself is the notice date.
    expect(at('2027-02-20', null)?.renewalStatus).toBe('due');
    expect(at('2026-12-06', null)?.renewalStatus).toBe('passed');
    expect(at(null, null)?.renewalStatus).toBe('unknown');
  });

  it('seats bought versus used', () => {
    const r = vendorsRegister(
      file([
        contract({ vendor: 'A', seats: { bought: 50, used: 42 } }),
        contract({ vendor: 'B', seats: { bought: 10, used: 12 } }),
        contract({ vendor: 'C', seats: { bought: 10, used: null } }),
      ]),
      [],
      CATALOGUE,
      '2026-12-07',
      0,
    );
    expect(r.contracts.map((c) => c.seats)).toEqual([
      { bought: 50, used: 42, unused: 8, usedShare: 0.84 },
      { bought: 10, used: 12, unused: -2, usedShare: 1.2 },
      { bought: 10, used: null, unused: null, usedShare: null },
    ]);
  });
});
