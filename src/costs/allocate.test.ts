import { afterAll, describe, expect, test } from 'vitest';
import {
  FOCUS_SAMPLE,
  SAMPLE_BILLED,
  SAMPLE_EFFECTIVE,
  sampleTable,
} from '../../test/fixtures/costs/focus.ts';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import type { Team } from '../office/teams.ts';
import type { CostLine } from '../store/costs.ts';
import { openStore } from '../store/store.ts';
import { allocate, allocatedCosts, chooseTargets } from './allocate.ts';
import type { CostsConfig } from './config.ts';
import { importFocusFile } from './import.ts';
import { formatAmount, parseAmount } from './money.ts';
import { costsBy, lastChange, summariseCosts } from './summary.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const units = (t: string) => parseAmount(t) as bigint;

function line(over: Partial<CostLine>): CostLine {
  return {
    billing_account_id: 'acc',
    period_start: '2026-01-01',
    period_end: '2026-02-01',
    month: '2026-01',
    currency: 'EUR',
    provider: 'AWS',
    service: 'Amazon S3',
    service_category: 'Storage',
    charge_category: 'Usage',
    sub_account_id: '111',
    sub_account_name: 'prod',
    resource_id: 'arn:aws:s3:::logs-bucket',
    tags: null,
    rows: 1,
    billed: '100',
    effective: '90',
    ...over,
  };
}

const team = (name: string, members: string[], owns: string[] = []): Team => ({
  name,
  members,
  handles: [],
  owns,
});

describe('allocation rules', () => {
  const config: CostsConfig = {
    rules: [
      { tag: 'application', repository: '{value}' },
      { tag: 'business_unit', tagValue: ['Payments', 'Billing'], team: 'payments' },
      { subAccount: 'prod', team: 'platform', technology: 'aws' },
      { resource: 'arn:aws:s3:::logs-*', repository: 'logging', team: 'observability' },
    ],
    default: { technology: 'cloud' },
  };

  test('first match wins for each of team, repository and technology separately', () => {
    const tagged = line({ tags: JSON.stringify({ application: 'shop', business_unit: 'Billing' }) });
    expect(chooseTargets(config, tagged)).toEqual({
      team: 'payments',
      share: null,
      repository: 'shop',
      technology: 'aws',
    });
    // No tags: the sub account gives team and technology; the resource glob gives the repository only.
    expect(chooseTargets(config, line({}))).toEqual({
      team: 'platform',
      share: null,
      repository: 'logging',
      technology: 'aws',
    });
    const other = line({
      sub_account_name: 'dev',
      sub_account_id: '222',
      resource_id: 'i-123',
      tags: '{"business_unit":"Sales"}',
    });
    expect(chooseTargets(config, other)).toEqual({
      team: null,
      share: null,
      repository: null,
      technology: 'cloud',
    });
    // The sub account matches by id as well as by name.
    expect(chooseTargets({ rules: [{ subAccount: '222', team: 'x' }] }, other).team).toBe('x');
    expect(
      chooseTargets({ rules: [{ service: 'Amazon S3', provider: 'Azure', team: 'x' }] }, other).team,
    ).toBeNull();
  });

  test('a line without a team rule goes to the teams owning its repository, split evenly', () => {
    const teams = [team('a', [], ['shop']), team('b', [], ['shop']), team('c', [])];
    const out = allocate(
      [line({ tags: '{"application":"shop"}', billed: '0.000000000000000001' })],
      { rules: [{ tag: 'application', repository: '{value}' }] },
      { teams, commits: new Map() },
    );
    expect(out.map((o) => [o.team, o.repository, o.billed])).toEqual([
      ['a', 'shop', 1n],
      ['b', 'shop', 0n],
    ]);
  });

  test('shared costs split exactly by even, headcount and commits keys', () => {
    const teams = [team('a', ['x', 'y', 'z'], ['api']), team('b', ['w'], ['web']), team('c', [])];
    const commits = new Map([
      ['api', new Map([['2026-01', 1]])],
      ['web', new Map([['2026-01', 3]])],
    ]);
    const shared = (share: 'even' | 'commits' | 'headcount', among?: string[]) =>
      allocate([line({})], { rules: [{ provider: 'AWS', share, among }] }, { teams, commits }).map((o) => [
        o.team,
        formatAmount(o.billed),
      ]);
    expect(shared('headcount')).toEqual([
      ['a', '75'],
      ['b', '25'],
      ['c', '0'],
    ]);
    expect(shared('commits', ['a', 'b'])).toEqual([
      ['a', '25'],
      ['b', '75'],
    ]);
    expect(shared('even')).toEqual([
      ['a', '33.333333333333333334'],
      ['b', '33.333333333333333333'],
      ['c', '33.333333333333333333'],
    ]);
    // No commits in the month: the split is even, not lost.
    const out = allocate(
      [line({ month: '2025-12' })],
      { rules: [{ provider: 'AWS', share: 'commits', among: ['a', 'b'] }] },
      { teams, commits },
    );
    expect(out.map((o) => formatAmount(o.billed))).toEqual(['50', '50']);
  });

  test('months without spend are listed, the unallocated row is always there, and the change is month on month', () => {
    const costs = allocate(
      [
        line({ month: '2026-01', billed: '100' }),
        line({ month: '2026-03', billed: '150' }),
        line({ month: '2026-02', billed: '0', effective: '0' }),
      ],
      { rules: [{ provider: 'AWS', team: 'platform' }] },
      { teams: [], commits: new Map() },
    );
    const summary = summariseCosts(costs);
    expect(summary.months).toEqual(['2026-01', '2026-02', '2026-03']);
    const byTeam = costsBy(costs, summary, 'team');
    expect(byTeam.map((r) => [r.name, formatAmount(r.billed)])).toEqual([
      ['platform', '250'],
      [null, '0'],
    ]);
    expect(lastChange(byTeam[0] as (typeof byTeam)[number])).toEqual({
      billed: 150n * 10n ** 18n,
      percent: null,
    });
    const two = summariseCosts(
      allocate(
        [line({ month: '2026-01', billed: '80' }), line({ month: '2026-02', billed: '100' })],
        undefined,
        { teams: [], commits: new Map() },
      ),
    );
    expect(lastChange(two.totals[0] as (typeof two.totals)[number])).toEqual({
      billed: 20n * 10n ** 18n,
      percent: 25,
    });
  });
});

describe.each(ENGINES)('the FOCUS sample allocated on %s', (engine) => {
  test('totals equal the file; each team and the unallocated part equal the rows with that tag', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      await importFocusFile(store, FOCUS_SAMPLE);
      const config: CostsConfig = {
        rules: [
          { tag: 'application', repository: '{value}' },
          { tag: 'business_unit', team: '{value}' },
        ],
      };
      const costs = await allocatedCosts(store, config, []);
      const summary = summariseCosts(costs);
      expect(
        summary.totals.map((t) => [t.currency, formatAmount(t.billed), formatAmount(t.effective)]),
      ).toEqual([['USD', SAMPLE_BILLED, SAMPLE_EFFECTIVE]]);
      // Expected per team straight from the CSV rows, not from the stored lines.
      const { header, rows } = sampleTable();
      const at = (n: string) => header.indexOf(n);
      const expected = new Map<string | null, bigint>();
      for (const r of rows) {
        const tags =
          r[at('Tags')] === 'NULL' ? {} : (JSON.parse(r[at('Tags')] as string) as Record<string, string>);
        const key = tags.business_unit ?? null;
        expected.set(key, (expected.get(key) ?? 0n) + units(r[at('BilledCost')] as string));
      }
      const byTeam = new Map(costsBy(costs, summary, 'team').map((r) => [r.name, r.billed]));
      expect(byTeam).toEqual(expected);
      expect(byTeam.get(null)).toBeGreaterThan(0n);
      expect((await allocatedCosts(store, config, [], '2024-10')).length).toBe(0);
    } finally {
      await store.close();
    }
  });
});
