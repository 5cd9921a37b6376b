// `scan --history` and `cto trend` on both engines (the engine in process, the JSON through the CLI): a repository with commits
// spread over quarters gets one historical snapshot per quarter end at the commit git names
// (`git rev-list -1 --first-parent --before`), none of them current; a second run adds none; the trend
// at each point equals a plain scan of that commit (`--rev`) into an SQLite store of its own; an advisory counts
// only from its published date; the JSON document matches docs/trend-schema.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importFeedPath } from '../../src/feeds/import-path.ts';
import { endOfDay } from '../../src/report/changes.ts';
import { registryPlugins } from '../../src/scan/plugins.ts';
import { runScan } from '../../src/scan/run.ts';
import type { RepoOutcome } from '../../src/scan/scan.ts';
import { snapshotsAsOf } from '../../src/store/report.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { buildTrend, type Trend } from '../../src/trend/build.ts';
import { cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, CY, cleanupTemp, git, tempDir } from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

const TODAY = '2026-02-15';
const QUARTER_ENDS = ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31'];

const lock = (left: string) =>
  JSON.stringify({
    name: 'shop',
    lockfileVersion: 3,
    packages: {
      '': { name: 'shop', dependencies: { left } },
      'node_modules/left': { version: left },
    },
  });
const code = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `const ${tag}${i} = ${i};`).join('\n');

/** Published in the third quarter of 2025: it affects `left` 1.0.0 from the start, fixed in 1.0.1. */
const ADVISORY = {
  id: 'GHSA-hist-left-0001',
  modified: '2025-07-02T00:00:00Z',
  published: '2025-07-01T00:00:00Z',
  summary: 'Prototype pollution in left',
  affected: [
    {
      package: { ecosystem: 'npm', name: 'left' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }],
    },
  ],
  database_specific: { severity: 'HIGH' },
};

let repo = '';
let feed = '';
beforeAll(() => {
  const root = tempDir();
  repo = buildRepo(
    join(root, 'shop'),
    [
      {
        date: '2025-02-10T12:00:00Z',
        author: ADA,
        files: { 'package-lock.json': lock('1.0.0'), 'src/a.js': code(10, 'a') },
      },
      { date: '2025-03-20T12:00:00Z', author: BOB, files: { 'src/b.js': code(20, 'b') } },
      // A side branch: its commit is dated in the second quarter but joins the main line in the third.
      {
        date: '2025-05-05T12:00:00Z',
        author: CY,
        branch: 'side',
        from: 1,
        files: { 'src/side.js': code(5, 's') },
      },
      { date: '2025-06-10T12:00:00Z', author: ADA, files: { 'src/a.js': code(30, 'a') } },
      { date: '2025-08-01T12:00:00Z', author: BOB, merge: [2], files: { 'src/side.js': code(5, 's') } },
      {
        date: '2025-11-20T12:00:00Z',
        author: ADA,
        files: { 'package-lock.json': lock('1.0.1'), 'src/c.js': code(40, 'c') },
      },
      { date: '2026-01-20T12:00:00Z', author: BOB, files: { 'src/c.js': code(45, 'c') } },
    ],
    {
      tags: [
        { name: 'v1.0.0', at: 3 },
        { name: 'v1.1.0', at: 5 },
      ],
    },
  );
  feed = join(root, 'osv');
  mkdirSync(feed);
  writeFileSync(join(feed, `${ADVISORY.id}.json`), JSON.stringify(ADVISORY));
});
afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

async function scan(
  store: Store,
  options: { history?: string; rev?: string; today?: string },
): Promise<RepoOutcome> {
  const spec = options.history
    ? { count: Number(options.history.slice(0, -1)), unit: 'q' as const }
    : undefined;
  const r = await runScan(store, {
    paths: [repo],
    depth: 1,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: registryPlugins(),
    workspace: { dir: tempDir(), config: {} },
    rev: options.rev,
    history: spec,
    today: options.today ?? TODAY,
  });
  const [o] = r.repositories;
  if (!o || o.status === 'failed') throw new Error(`scan failed: ${o?.error?.message}`);
  return o;
}

const trendOf = (store: Store, today: string, metric?: string, since?: string): Promise<Trend> =>
  buildTrend(store, { metric, since, by: 'repository', today, teams: [], eolWindowMonths: 6 });

async function rows(store: Store, query: string): Promise<Array<Record<string, unknown>>> {
  const { sql } = await import('kysely');
  const r = await sql.raw<Record<string, unknown>>(query).execute(store.db);
  return r.rows.map((x) =>
    Object.fromEntries(
      Object.entries(x).map(([k, v]) => [
        k,
        typeof v === 'bigint' || (typeof v === 'string' && /^\d+$/.test(v) && k === 'n') ? Number(v) : v,
      ]),
    ),
  );
}

/**
 * The trend of a plain scan (`--rev`) of one point's commit into a store of its own, dated at the
 * point's period end (windows count back from the reference date). The reference the historical
 * points of both engines are compared with: computed once per commit, on SQLite.
 */
const plainTrends = new Map<string, Promise<Trend>>();
function plainScanTrend(i: number, sha: string): Promise<Trend> {
  const key = `${i}:${sha}`;
  let trend = plainTrends.get(key);
  if (!trend) {
    trend = (async () => {
      const other = await openStore(freshStoreTarget('sqlite'));
      try {
        await importFeedPath(other, feed, { ecosystem: 'npm' });
        await scan(other, { rev: sha, today: QUARTER_ENDS[i] as string });
        return await trendOf(other, QUARTER_ENDS[i] as string);
      } finally {
        await other.close();
      }
    })();
    plainTrends.set(key, trend);
  }
  return trend;
}

describe.each(ENGINES)('scan --history and trend on %s', (engine) => {
  const target = freshStoreTarget(engine);
  let store: Store;
  beforeAll(async () => {
    store = await openStore(target);
    await importFeedPath(store, feed, { ecosystem: 'npm' });
  });
  afterAll(async () => {
    await store.close();
  });

  test('one historical snapshot per quarter end, at the commit git names, none current; a rescan adds none', async () => {
    const first = await scan(store, { history: '4q' });
    expect(first.history.map((p) => p.status)).toEqual(['written', 'written', 'written', 'written']);
    const stored = await rows(
      store,
      'select id, commit_sha, as_of, status from snapshots where historical = 1 order by as_of',
    );
    const expected = QUARTER_ENDS.map((d) =>
      git(repo, ['rev-list', '-1', '--first-parent', `--before=${d}T23:59:59Z`, 'main']).trim(),
    );
    expect(stored.map((r) => r.as_of)).toEqual(QUARTER_ENDS);
    expect(stored.map((r) => r.commit_sha)).toEqual(expected);
    expect(stored.every((r) => r.status === 'ok')).toBe(true);
    // The side branch's commit, dated in the second quarter, is not the second quarter's point.
    expect(expected[1]).toBe(git(repo, ['rev-parse', 'main~3']).trim());
    const current = await rows(
      store,
      'select s.historical, s.commit_sha from repositories r join snapshots s on s.id = r.current_snapshot_id',
    );
    expect(current).toEqual([{ historical: 0, commit_sha: git(repo, ['rev-parse', 'main']).trim() }]);
    expect(await rows(store, 'select count(*) as n from current_snapshots where historical = 1')).toEqual([
      { n: 0 },
    ]);
    // The current snapshot extends the latest point: history is read once in all.
    const read = await rows(store, 'select count(*) as n from commits');
    expect(read).toEqual([{ n: 7 }]);

    // `report --since` compares with the state on a date: the historical snapshot dated on or before it.
    const onDate = await snapshotsAsOf(store, endOfDay('2025-08-15'));
    expect(onDate.map((s) => s.commit)).toEqual([expected[1]]);

    const before = await rows(store, 'select count(*) as n from snapshots');
    const again = await scan(store, { history: '4q' });
    expect(again.status).toBe('unchanged');
    expect(again.history.map((p) => p.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
    // One quarter more asks for a date before the first commit: nothing is written for it.
    const more = await scan(store, { history: '5q' });
    expect(more.history.map((p) => p.status)).toEqual(['no-commit', 'stored', 'stored', 'stored', 'stored']);
    expect(await rows(store, 'select count(*) as n from snapshots')).toEqual(before);
  }, 300_000);

  test('the trend has four points and the current one, each equal to a plain scan of its commit', async () => {
    const doc = await trendOf(store, TODAY);
    expect(doc.points).toEqual([
      ...QUARTER_ENDS.map((date) => ({ date, kind: 'historical', partial: false })),
      { date: TODAY, kind: 'current', partial: true },
    ]);
    const commits = (
      await rows(store, 'select commit_sha from snapshots where historical = 1 order by as_of')
    ).map((r) => r.commit_sha as string);
    for (const [i, sha] of commits.entries()) {
      const plain = await plainScanTrend(i, sha);
      // Overdue risks depend on the earlier points (a problem's first day), which a plain scan has not.
      for (const s of doc.series.filter((x) => x.metric !== 'risks-overdue')) {
        const p = plain.series.find((x) => x.metric === s.metric && x.subject === s.subject);
        expect({ metric: s.metric, at: QUARTER_ENDS[i], value: s.values[i] }).toEqual({
          metric: s.metric,
          at: QUARTER_ENDS[i],
          value: p?.values.at(-1),
        });
      }
    }
    const value = (metric: string) => doc.series.find((s) => s.metric === metric)?.values;
    // Known by construction: the code lines of each point's files.
    expect(value('code-lines')).toEqual([30, 50, 55, 95, 100]);
    // The advisory was published on 2025-07-01: not counted at the first two quarter ends though the
    // version was affected; counted at the third; fixed by the upgrade in the fourth.
    expect(value('vulnerabilities')).toEqual([0, 0, 1, 0, 0]);
    expect(value('vulnerabilities-high')).toEqual([0, 0, 1, 0, 0]);
    // `left` is a production dependency of the lockfile: exposed at runtime.
    expect(value('vulnerabilities-runtime')).toEqual([0, 0, 1, 0, 0]);
    expect(value('vulnerabilities-runtime-critical-high')).toEqual([0, 0, 1, 0, 0]);
  }, 300_000);

  test('the register series: open risks now are the open rows of the register; overdue counts from the first point a risk was open at', async () => {
    const register = await rows(store, "select key from risks where status = 'open'");
    const now = await trendOf(store, TODAY, 'risks');
    const open = now.series.find((s) => s.metric === 'risks-open')?.values ?? [];
    expect(open.at(-1)).toBe(register.length);
    // The register, synced at the current commit, holds no vulnerability: the upgrade fixed it.
    const vulnKeys = await rows(store, "select count(*) as n from risks where kind = 'vulnerability'");
    expect(vulnKeys).toEqual([{ n: 0 }]);
    // Without an SLA nothing is overdue; with an SLA of zero days every risk open at an earlier point is.
    const none = await buildTrend(store, {
      metric: 'risks-overdue',
      by: 'repository',
      today: TODAY,
      teams: [],
      eolWindowMonths: 6,
      sla: {},
    });
    expect(none.series[0]?.values).toEqual([0, 0, 0, 0, 0]);
    const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    const strict = await buildTrend(store, {
      metric: 'risks',
      by: 'repository',
      today: TODAY,
      teams: [],
      eolWindowMonths: 6,
      sla: zero,
    });
    const [o, d] = ['risks-open', 'risks-overdue'].map(
      (m) => strict.series.find((s) => s.metric === m)?.values as number[],
    );
    expect(o).toEqual(open);
    // The advisory's problem is open at the third quarter end only, on top of what is open throughout.
    expect(o?.[2]).toBe((o?.[3] ?? 0) + 1);
    expect(o?.[1]).toBe(o?.[3]);
    // Nothing is overdue at the first point (each risk's first day is that day); later, every risk open
    // at an earlier point is, but not the advisory on the day it is first open.
    expect(d).toEqual([0, o?.[1], (o?.[2] ?? 0) - 1, o?.[3], o?.[4]]);
  }, 300_000);

  test('--since leaves out earlier points; a metric by name; the JSON matches its published schema', async () => {
    const since = await trendOf(store, TODAY, 'truck-factor', '2025-07-01');
    expect(since.points.map((p) => p.date)).toEqual(['2025-09-30', '2025-12-31', TODAY]);
    expect(since.series.map((s) => s.metric)).toEqual(['truck-factor']);
    // A list names series by id, each once: `vulnerabilities` is the one series, not its family.
    const list = await buildTrend(store, {
      metric: ['vulnerabilities', 'vulnerabilities-runtime-critical-high', 'releases', 'no-such-metric'],
      by: 'repository',
      today: TODAY,
      teams: [],
      eolWindowMonths: 6,
    });
    expect(list.series.map((s) => s.metric)).toEqual([
      'vulnerabilities',
      'vulnerabilities-runtime-critical-high',
      'releases',
    ]);
    expect(list.series[1]?.values).toEqual([0, 0, 1, 0, 0]);
    const byName = await trendOf(store, TODAY, 'releases');
    expect(byName.series.map((s) => s.metric)).toEqual(['releases']);
    expect(byName.series[0]?.values).toEqual([0, 1, 1, 2, 2]);
    // A team's series are those of the repositories it owns as a whole.
    const teams = [{ name: 'Shop team', owns: ['shop'], members: [], handles: [] }];
    const team = await buildTrend(store, {
      metric: 'code-lines',
      by: 'team',
      today: TODAY,
      teams,
      eolWindowMonths: 6,
    });
    expect(team.series.map((s) => [s.subject, s.values])).toEqual([['Shop team', [30, 50, 55, 95, 100]]]);
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv').default;
    const schema = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../docs/trend-schema.json'), 'utf8'),
    );
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const cli = cto(['--db', target, 'trend', '--json', '--today', TODAY, '--by', 'repository']);
    expect(cli.code).toBe(0);
    const doc = JSON.parse(cli.stdout);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc.points).toHaveLength(5);
    const unknown = cto(['--db', target, 'trend', 'no-such-metric']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no metric named "no-such-metric"/);
  }, 300_000);
});
