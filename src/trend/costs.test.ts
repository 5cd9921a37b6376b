// The cost series of `cto trend`: spend of the month of each point, per portfolio, team and repository,
// from allocated costs rather than from the snapshots.
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, freshStoreTarget } from '../../test/helpers/stores.ts';
import type { AllocatedCost } from '../costs/allocate.ts';
import { parseAmount } from '../costs/money.ts';
import { openStore, type Store } from '../store/store.ts';
import { buildTrend } from './build.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

async function snapshot(store: Store, repository: string, asOf: string | null): Promise<void> {
  let repo = await store.db
    .selectFrom('repositories')
    .select('id')
    .where('name', '=', repository)
    .executeTakeFirst();
  if (!repo) {
    repo = await store.db
      .insertInto('repositories')
      .values({
        key: `/src/${repository}`,
        name: repository,
        path: `/src/${repository}`,
        current_snapshot_id: null,
        created_at: 'now',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
  const { id } = await store.db
    .insertInto('snapshots')
    .values({
      repository_id: repo.id,
      commit_sha: 'a'.repeat(40),
      ref: null,
      status: 'ok',
      history_mode: 'full',
      base_snapshot_id: null,
      started_at: 'now',
      finished_at: 'now',
      tool_version: 'test',
      shallow: 0,
      commits_count: 1,
      authors_count: 1,
      files_count: 1,
      diagnostics_count: 0,
      first_commit_at: null,
      last_commit_at: null,
      error: null,
      host: 'h',
      pid: 1,
      scanned_path: null,
      git_dir: null,
      common_dir: null,
      alternates: null,
      historical: asOf === null ? 0 : 1,
      as_of: asOf,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (asOf === null)
    await store.db
      .updateTable('repositories')
      .set({ current_snapshot_id: id })
      .where('id', '=', repo.id)
      .execute();
}

const cost = (
  month: string,
  team: string | null,
  repository: string | null,
  billed: string,
): AllocatedCost => ({
  month,
  currency: 'EUR',
  team,
  repository,
  technology: null,
  provider: 'AWS',
  service: 'S3',
  billed: parseAmount(billed) as bigint,
  effective: parseAmount(billed) as bigint,
});

describe('cost series in cto trend', () => {
  test('each point shows the spend of its month; a team its allocated spend; nothing without costs', async () => {
    const store = await openStore(freshStoreTarget('sqlite'));
    try {
      await snapshot(store, 'api', '2026-09-30');
      await snapshot(store, 'api', null);
      const costs = [
        cost('2026-09', 'platform', 'api', '100.004'),
        cost('2026-09', null, null, '50'),
        cost('2026-12', 'platform', 'api', '30'),
        cost('2026-11', 'platform', 'api', '999'),
      ];
      const teams = [{ name: 'platform', members: [], handles: [], owns: ['api'] }];
      const base = { metric: 'costs', today: '2026-12-06', teams, eolWindowMonths: 6 };
      const portfolio = await buildTrend(store, { ...base, by: 'portfolio', costs });
      expect(portfolio.points.map((p) => p.date)).toEqual(['2026-09-30', '2026-12-06']);
      const billed = portfolio.series.find((s) => s.metric === 'cost-billed');
      expect(billed?.values).toEqual([150, 30]);
      const team = await buildTrend(store, { ...base, by: 'team', costs });
      expect(team.series.find((s) => s.metric === 'cost-billed')?.values).toEqual([100, 30]);
      expect((await buildTrend(store, { ...base, by: 'portfolio' })).series).toEqual([]);
      const mixed = [...costs, { ...cost('2026-09', null, null, '1'), currency: 'USD' }];
      const both = await buildTrend(store, { ...base, by: 'portfolio', costs: mixed });
      expect(both.series.find((s) => s.metric === 'cost-billed')?.values).toEqual([null, null]);
    } finally {
      await store.close();
    }
  });
});
