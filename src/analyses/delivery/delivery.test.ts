import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildDeliveryRepo } from '../../../test/fixtures/analyses/delivery/fixture.test-helper.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { referenceTs } from '../../reference-date.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import { readDelivery } from '../../store/delivery.ts';
import type { Engine } from '../../store/migrations/index.ts';
import { openStore, type Store } from '../../store/store.ts';
import { deliveryAnalysis } from './analysis.ts';
import { summarise, teamSummary } from './summary.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** The reference date of these scans: the day of the fixture's last commit. */
const TODAY = '2024-03-01';
const REF = referenceTs(TODAY);

async function scan(store: Store, path: string, config: Record<string, unknown> = {}, today = TODAY) {
  const r = await runScan(store, {
    paths: [path],
    depth: 1,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ analyses: [deliveryAnalysis] }),
    workspace: { dir: '.', config, today },
  });
  expect(r.repositories[0]?.diagnostics.filter((d) => d.collector === 'delivery')).toEqual([]);
}

describe.each(ENGINES)('delivery on %s', (engine: Engine) => {
  test('releases, lead times, failure and rework, frequency and activity known by construction', async () => {
    const repo = buildDeliveryRepo(join(tempDir(), 'app'));
    const store = await openStore(freshStoreTarget(engine));
    try {
      await scan(store, repo);
      const [stored] = await readDelivery(store, REF, 'app');
      if (!stored) throw new Error('no repository');
      const s = summarise(stored);
      expect(stored.releases.filter((r) => r.prerelease === 0).map((r) => [r.tag, r.changes])).toEqual([
        ['v1.0.0', 2],
        ['v1.1.0', 2],
        ['v1.1.1', 1],
        ['v2.0.0', 2],
      ]);
      // The annotated tag is dated by its tagger date, the others by the tagged commit.
      const v110 = stored.releases.find((r) => r.tag === 'v1.1.0');
      expect(v110?.released_at).toBe('2024-01-10T00:00:00+00:00');
      expect(s).toMatchObject({ releases: 4, prereleases: 1, ignoredTags: 2, perYear: { '2024': 4 } });
      expect(s.intervalDays).toEqual({ median: 7, p90: 17.4 });
      // Lead times [2, 0, 5, 4, 0, 12, 0] days: median 2, p90 5 + 0.4 * 7.
      expect(s.leadTimeDays.last10).toEqual({ median: 2, p90: 7.8, changes: 7 });
      expect(s.leadTimeDays.last365d).toEqual({ median: 2, p90: 7.8, changes: 7 });
      // Ages to the end of the reference day: 11 days (20 February) and 1 day (1 March).
      expect(s.unreleased).toEqual({ commits: 2, medianAgeDays: 6, maxAgeDays: 11 });
      expect(s.changeFailureRate).toEqual({ all: 0.25, last365d: 0.25 });
      expect(s.reworkRate).toEqual({ all: 0.25, last365d: 0.25 });
      expect(stored.releases.find((r) => r.tag === 'v1.1.0')).toMatchObject({ failed: 1, rework: 0 });
      expect(JSON.parse(v110?.reasons ?? '{}').reasons).toHaveLength(2); // the patch and the revert
      expect(stored.releases.find((r) => r.tag === 'v1.1.1')).toMatchObject({ failed: 0, rework: 1 });
      expect(s.deploymentFrequency).toEqual({
        bucket: 'monthly',
        source: 'releases',
        deploymentsInWindow: 4,
      });
      const january = stored.activity.find(
        (a) => a.period_kind === 'month' && a.period_start === '2024-01-01',
      );
      // Six non-merge commits; Ada, Bob and Cy are contributors, the bot is not.
      expect(january).toMatchObject({ commits: 6, contributors: 3 });
      const weeks = stored.activity.filter((a) => a.period_kind === 'week');
      expect(weeks.reduce((n, a) => n + a.commits, 0)).toBe(9);
      expect(weeks[0]?.period_start).toBe('2024-01-01'); // a Monday
    } finally {
      await store.close();
    }
  });

  test('tags named after the repository and package@version tags are releases by default', async () => {
    const day = (d: number) => `2024-01-0${d}T00:00:00Z`;
    const repo = buildRepo(
      join(tempDir(), 'Jedis'),
      [1, 2, 3, 4, 5, 6].map((d) => ({ date: day(d), files: { a: `${d}\n` } })),
      {
        tags: [
          { name: 'jedis-1.0.0', at: 0 },
          { name: 'jedis-1.0.1-rc1', at: 1 },
          { name: 'v1.1.0', at: 1 },
          { name: 'other-2.0.0', at: 2 },
          { name: '@scope/pkg@1.0.0', at: 2 },
          { name: 'tool@1.0.1', at: 3 },
          { name: '@scope/pkg@1.0.1', at: 4 },
        ],
      },
    );
    const store = await openStore(freshStoreTarget(engine));
    try {
      await scan(store, repo);
      const [stored] = await readDelivery(store, REF, 'Jedis');
      if (!stored) throw new Error('no repository');
      const stable = stored.releases.filter((r) => r.prerelease === 0);
      expect(stable.map((r) => [r.tag, r.failed, r.rework])).toEqual([
        ['jedis-1.0.0', 0, 0],
        ['v1.1.0', 0, 0],
        // A patch counts within one package only: tool@1.0.1 is no fix of jedis-1.0.0 or of @scope/pkg@1.0.0.
        ['@scope/pkg@1.0.0', 1, 0],
        ['tool@1.0.1', 0, 0],
        ['@scope/pkg@1.0.1', 0, 1],
      ]);
      expect(stored.releases.filter((r) => r.prerelease === 1).map((r) => r.tag)).toEqual([
        'jedis-1.0.1-rc1',
      ]);
      expect(summarise(stored)).toMatchObject({ releases: 5, prereleases: 1, ignoredTags: 1 });
    } finally {
      await store.close();
    }
  });

  test('a configured tag pattern; a repository without releases has none rather than zeros', async () => {
    const dir = tempDir();
    const tagged = buildRepo(
      join(dir, 'svc'),
      [
        { date: '2024-01-01T00:00:00Z', files: { a: '1\n' } },
        { date: '2024-01-04T00:00:00Z', files: { a: '2\n' } },
      ],
      {
        tags: [
          { name: 'release-3.2', at: 0 },
          { name: 'v9.9.9', at: 1 },
        ],
      },
    );
    const plain = buildRepo(join(dir, 'lib'), [{ date: '2024-01-01T00:00:00Z', files: { a: '1\n' } }]);
    const store = await openStore(freshStoreTarget(engine));
    try {
      await scan(store, tagged, { delivery: { tagPattern: '^release-(?<version>.+)$' } });
      await scan(store, plain);
      const [lib, svc] = await readDelivery(store, REF);
      expect(svc?.releases.map((r) => r.tag)).toEqual(['release-3.2']);
      expect(summarise(svc as never)).toMatchObject({ releases: 1, ignoredTags: 1 });
      expect(summarise(svc as never).unreleased.commits).toBe(1);
      const none = summarise(lib as never);
      expect(none.releases).toBe(0);
      expect(none.leadTimeDays.last10.median).toBeNull();
      expect(none.changeFailureRate.all).toBeNull();
      expect(none.deploymentFrequency.bucket).toBeNull();
    } finally {
      await store.close();
    }
  });

  test('windows count back from the reference date, not from the last commit', async () => {
    const repo = buildDeliveryRepo(join(tempDir(), 'app'));
    const store = await openStore(freshStoreTarget(engine));
    try {
      // Scanned a year and a half after its last commit (1 March 2024).
      await scan(store, repo, {}, '2025-09-01');
      const later = referenceTs('2025-09-01');
      const [stored] = await readDelivery(store, later, 'app');
      if (!stored) throw new Error('no repository');
      const s = summarise(stored);
      expect(s.releases).toBe(4);
      expect(s.leadTimeDays.last365d.changes).toBe(0);
      expect(s.changeFailureRate.last365d).toBeNull();
      expect(s.deploymentFrequency).toMatchObject({ bucket: 'fewer', deploymentsInWindow: 0 });
      // The unreleased commits have waited until the end of the reference day: 560 days for 20 February 2024.
      expect(s.unreleased.maxAgeDays).toBe(560);
      // Read-time windows move with the reference date too: the team's last 365 days hold no release.
      expect(teamSummary('core', [stored], [s]).releases365d).toBe(0);
      const [then] = await readDelivery(store, REF, 'app');
      expect(teamSummary('core', [then!], [s]).releases365d).toBe(4);
    } finally {
      await store.close();
    }
  });
});
