// `cto scan --history` and `cto trend` as a user runs them, on both engines: a repository with commits
// spread over quarters gets one historical snapshot per quarter end at the commit git names
// (`git rev-list -1 --first-parent --before`), none of them current; a second run adds none; the trend
// at each point equals a plain scan of that commit (`--rev`) into another store; an advisory counts
// only from its published date; the JSON document matches docs/trend-schema.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

interface TrendDoc {
  schema: string;
  points: Array<{ date: string; kind: string; partial: boolean }>;
  series: Array<{ metric: string; subject: string; values: Array<number | null> }>;
}

function run(db: string, args: string[]): string {
  const r = cto(['--db', db, ...args]);
  if (r.code !== 0) throw new Error(`cto ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

const trend = (db: string, today: string, ...args: string[]): TrendDoc =>
  JSON.parse(run(db, ['trend', '--by', 'repository', '--json', '--today', today, ...args]));

const sql = (db: string, query: string): Array<Record<string, unknown>> =>
  JSON.parse(run(db, ['sql', '--json', query])).rows;

describe.each(ENGINES)('scan --history and trend on %s', (engine) => {
  const db = freshStoreTarget(engine);

  test('one historical snapshot per quarter end, at the commit git names, none current; a rescan adds none', () => {
    run(db, ['feed', 'import', feed, '--ecosystem', 'npm']);
    run(db, ['scan', repo, '--history', '4q', '--today', TODAY]);
    const rows = sql(
      db,
      'select id, commit_sha, as_of, status from snapshots where historical = 1 order by as_of',
    );
    const expected = QUARTER_ENDS.map((d) =>
      git(repo, ['rev-list', '-1', '--first-parent', `--before=${d}T23:59:59Z`, 'main']).trim(),
    );
    expect(rows.map((r) => r.as_of)).toEqual(QUARTER_ENDS);
    expect(rows.map((r) => r.commit_sha)).toEqual(expected);
    expect(rows.every((r) => r.status === 'ok')).toBe(true);
    // The side branch's commit, dated in the second quarter, is not the second quarter's point.
    expect(expected[1]).toBe(git(repo, ['rev-parse', 'main~3']).trim());
    const current = sql(
      db,
      'select s.id, s.historical, s.commit_sha from repositories r join snapshots s on s.id = r.current_snapshot_id',
    );
    expect(current).toEqual([
      { id: current[0]?.id, historical: 0, commit_sha: git(repo, ['rev-parse', 'main']).trim() },
    ]);
    expect(sql(db, 'select count(*) as n from current_snapshots where historical = 1')).toEqual([{ n: 0 }]);

    const before = sql(db, 'select count(*) as n from snapshots');
    const again = cto(['--db', db, 'scan', repo, '--history', '4q', '--today', TODAY]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 historical snapshots written, 4 already stored/);
    // One quarter more asks for a date before the first commit: nothing is written for it.
    const more = cto(['--db', db, 'scan', repo, '--history', '5q', '--today', TODAY]);
    expect(more.stdout).toMatch(
      /0 historical snapshots written, 4 already stored, 1 dates before a first commit/,
    );
    expect(sql(db, 'select count(*) as n from snapshots')).toEqual(before);
  });

  test('the trend has four points and the current one, each equal to a plain scan of its commit', () => {
    const doc = trend(db, TODAY);
    expect(doc.points).toEqual([
      ...QUARTER_ENDS.map((date) => ({ date, kind: 'historical', partial: false })),
      { date: TODAY, kind: 'current', partial: true },
    ]);
    const commits = sql(db, 'select commit_sha from snapshots where historical = 1 order by as_of').map(
      (r) => r.commit_sha as string,
    );
    for (const [i, sha] of commits.entries()) {
      const other = freshStoreTarget(engine);
      run(other, ['feed', 'import', feed, '--ecosystem', 'npm']);
      run(other, ['scan', repo, '--rev', sha]);
      const plain = trend(other, QUARTER_ENDS[i] as string);
      for (const s of doc.series) {
        const p = plain.series.find((x) => x.metric === s.metric && x.subject === s.subject);
        expect({ metric: s.metric, at: QUARTER_ENDS[i], value: s.values[i] }).toEqual({
          metric: s.metric,
          at: QUARTER_ENDS[i],
          value: p?.values.at(-1),
        });
      }
    }
    const value = (metric: string) => doc.series.find((s) => s.metric === metric)?.values;
    // Known by construction: code lines grow, and releases come with the tags.
    expect(value('code-lines')).toEqual([30, 50, 55, 95, 100]);
    // The advisory was published on 2025-07-01: not counted at the first two quarter ends though the
    // version was affected; counted at the third; fixed by the upgrade in the fourth.
    expect(value('vulnerabilities')).toEqual([0, 0, 1, 0, 0]);
    expect(value('vulnerabilities-high')).toEqual([0, 0, 1, 0, 0]);
  });

  test('--since leaves out earlier points; a metric by name; the JSON matches its published schema', () => {
    const doc = trend(db, TODAY, 'truck-factor', '--since', '2025-07-01');
    expect(doc.points.map((p) => p.date)).toEqual(['2025-09-30', '2025-12-31', TODAY]);
    expect(doc.series.map((s) => s.metric)).toEqual(['truck-factor']);
    const byName = trend(db, TODAY, 'releases');
    expect(byName.series.map((s) => s.metric)).toEqual(['releases']);
    expect(byName.series[0]?.values).toEqual([0, 1, 1, 2, 2]);
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv').default;
    const schema = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../docs/trend-schema.json'), 'utf8'),
    );
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    for (const d of [doc, byName, JSON.parse(run(db, ['trend', '--json', '--today', TODAY]))])
      expect(validate(d) ? [] : validate.errors).toEqual([]);
    const unknown = cto(['--db', db, 'trend', 'no-such-metric']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no metric named "no-such-metric"/);
  });
});
