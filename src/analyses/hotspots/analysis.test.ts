import { afterAll, describe, expect, test } from 'vitest';
import { HISTORY } from '../../../test/fixtures/analyses/hotspots/history.fixture.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { DAY } from '../../reference-date.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import { openStore, type Store } from '../../store/store.ts';
import { ANALYSES } from '../registry.ts';
import { RECENT_DAYS } from './hotspots.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** Scan with every analysis at the reference date `today`. */
async function scan(store: Store, dir: string, today: string) {
  const r = await runScan(store, {
    paths: [dir],
    depth: 2,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ analyses: ANALYSES }),
    workspace: { dir: '.', config: {}, today },
  });
  expect(r.repositories[0]?.status).toBe('ok');
}

describe.each(ENGINES)('code analyses on %s', (engine) => {
  test('languages, hotspots (renames followed) and coupling are stored for a snapshot', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const store = await openStore(freshStoreTarget(engine));
    // The reference date is the day of the last commit.
    await scan(store, dir, '2024-06-01');
    const code = await store.db
      .selectFrom('current_code_files' as 'code_files')
      .selectAll()
      .orderBy('path')
      .execute();
    expect(
      code.map((c) => [c.path, c.language, c.category, c.measured, c.code, c.comment, c.complexity]),
    ).toEqual([
      ['README.md', 'Markdown', 'documentation', 1, 1, 0, 0],
      ['logo.png', null, 'binary', 0, 0, 0, null],
      ['src/b.py', 'Python', 'code', 1, 1, 0, 0],
      ['src/core/a.py', 'Python', 'code', 1, 3, 1, 3], // widths 0 + 4 + 8 + 0 = 12 -> 3
    ]);
    const hot = await store.db
      .selectFrom('hotspots')
      .selectAll()
      .where('path', '=', 'src/core/a.py')
      .executeTakeFirstOrThrow();
    const now = Date.parse('2024-06-01T10:00:00Z') / 1000;
    expect(hot).toMatchObject({
      commits: 8,
      authors: 2,
      code: 3,
      score: 24,
      recent_commits: 2,
      last_change_ts: now,
    });
    expect(hot.first_change_ts).toBe(Date.parse('2024-01-01T10:00:00Z') / 1000);
    // The six January commits fall in the year before the last 90 days.
    expect(hot.baseline_commits).toBeCloseTo((6 * RECENT_DAYS) / 365, 2);
    expect(now - (hot.first_change_ts ?? 0)).toBeGreaterThan(RECENT_DAYS * DAY);
    const pairs = await store.db.selectFrom('coupling').selectAll().execute();
    expect(pairs.map((p) => [p.path_a, p.path_b, p.shared, p.commits_a, p.commits_b, p.degree])).toEqual([
      ['src/b.py', 'src/core/a.py', 6, 6, 8, Math.round((6 / 7) * 1000) / 10],
    ]);
    const metrics = await store.db
      .selectFrom('metrics')
      .select(['metric', 'subject', 'value'])
      .where('analysis', '=', 'languages')
      .orderBy('metric')
      .execute();
    expect(metrics).toEqual([
      { metric: 'code-lines', subject: '', value: 4 },
      { metric: 'language-code-lines', subject: 'Python', value: 4 },
      { metric: 'language-files', subject: 'Python', value: 2 },
    ]);
    await store.close();
  });

  test('the trend counts back from the reference date, not from the last commit', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const store = await openStore(freshStoreTarget(engine));
    // A year after the last commit (1 June 2024): nothing in the last 90 days.
    await scan(store, dir, '2025-06-01');
    const hot = await store.db
      .selectFrom('hotspots')
      .selectAll()
      .where('path', '=', 'src/core/a.py')
      .executeTakeFirstOrThrow();
    expect(hot).toMatchObject({ commits: 8, recent_commits: 0, trend: 'falling' });
    // Only the two commits since 3 March 2024 fall in the year before the last 90 days.
    expect(hot.baseline_commits).toBeCloseTo((2 * RECENT_DAYS) / 365, 2);
    await store.close();
  });
});
