// Hotspots, coupling and knowledge read the history a chunk of commits at a time (bounded memory):
// on a generated history with renames, deletions, a merge, a commit over coupling's change-set cap,
// a bot and commits sharing a date, the tables they store are the same whether the history comes in
// chunks of 3 commits or in one, and equal to the whole-history computations, on both engines.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import {
  ADA,
  BOB,
  buildRepo,
  type CommitSpec,
  CY,
  cleanupTemp,
  type Person,
  tempDir,
} from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { givenPlugins } from '../scan/plugins.ts';
import { runScan } from '../scan/run.ts';
import { codeFilesOf, regularFiles } from '../store/code.ts';
import { changeChunksNewestFirst, HISTORY_CHUNK, historyFactChunks } from '../store/history-chunks.ts';
import { changesNewestFirst } from '../store/hotspots.ts';
import { historyFacts } from '../store/people.ts';
import { segmentsOf } from '../store/snapshots.ts';
import { openStore, type Store } from '../store/store.ts';
import { DEFAULT_COUPLING } from './coupling/coupling.ts';
import { followRenames } from './hotspots/follow.ts';
import { computeHotspots } from './hotspots/hotspots.ts';
import { selectAnalyses } from './registry.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const DEFAULT_CHUNK = { ...HISTORY_CHUNK };
afterEach(() => {
  Object.assign(HISTORY_CHUNK, DEFAULT_CHUNK);
});

const BOT: Person = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };
const TODAY = '2024-03-01';

/** A deterministic history: 90 commits by three people and a bot over a dozen files. */
function history(): CommitSpec[] {
  let seed = 7;
  const rand = (n: number) => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n) | 0;
  };
  const names = ['src/a.ts', 'src/b.ts', 'src/c.py', 'lib/d.ts', 'lib/e.ts', 'f.md', 'g.ts', 'h.ts'];
  const live = new Set<string>();
  const commits: CommitSpec[] = [];
  let v = 0;
  const body = () => `export const v${v} = ${v++};\nif (v) {\n  run();\n}\n`;
  for (let i = 0; i < 90; i++) {
    const author = [ADA, BOB, CY, BOT][rand(4)] as Person;
    // Commits 30 to 39 share one date (ties in the newest-first order).
    const date =
      i >= 30 && i < 40
        ? '2024-01-05T12:00:00Z'
        : new Date(Date.UTC(2023, 11, 1) + i * 86_400_000).toISOString().replace('.000Z', 'Z');
    const files: Record<string, string | null> = {};
    const renames: Array<[string, string]> = [];
    if (i === 50) {
      // Over the change-set cap of coupling: 35 new files at once.
      for (let k = 0; k < 35; k++) files[`gen/x${k}.ts`] = body();
    } else if (i % 15 === 14 && live.size > 2) {
      const from = [...live][rand(live.size)] as string;
      const to = from.replace(/\.(\w+)$/, `-${i}.$1`);
      renames.push([from, to]);
      live.delete(from);
      live.add(to);
    } else if (i % 23 === 22 && live.size > 3) {
      const gone = [...live][rand(live.size)] as string;
      files[gone] = null;
      live.delete(gone);
    } else {
      // Coupled pairs: a.ts with b.ts, d.ts with e.ts, most of the time.
      const pick = names[rand(names.length)] as string;
      const chosen = new Set([pick]);
      if (pick === 'src/a.ts' && rand(5) > 0) chosen.add('src/b.ts');
      if (pick === 'lib/d.ts' && rand(5) > 0) chosen.add('lib/e.ts');
      if (rand(3) === 0) chosen.add(names[rand(names.length)] as string);
      if (i % 4 === 0) for (const p of ['g.ts', 'h.ts']) chosen.add(p);
      for (const p of chosen) {
        // A name renamed away may be added again.
        const current = [...live].find((l) => l === p || l.startsWith(p.replace(/\.\w+$/, '-'))) ?? p;
        files[current] = body();
        live.add(current);
      }
    }
    commits.push({ author, date, files, renames });
  }
  // A side branch merged back (merges carry no changes).
  commits.push({
    branch: 'side',
    from: 60,
    author: BOB,
    date: '2024-02-10T00:00:00Z',
    files: { 'side.ts': body() },
  });
  commits.push({ author: ADA, date: '2024-02-11T00:00:00Z', merge: [90], files: { 'side.ts': body() } });
  return commits;
}

async function scanned(engine: (typeof ENGINES)[number], dir: string): Promise<Store> {
  const store = await openStore(freshStoreTarget(engine));
  const r = await runScan(store, {
    paths: [dir],
    depth: 1,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ analyses: selectAnalyses(['languages', 'hotspots', 'coupling', 'knowledge']) }),
    workspace: { dir: '.', config: {}, today: TODAY },
  });
  expect(r.repositories[0]?.status).toBe('ok');
  return store;
}

const TABLES = [
  'hotspots',
  'coupling',
  'people',
  'person_months',
  'person_days',
  'knowledge_files',
  'file_authors',
] as const;

/** Every stored row of the tables, without the snapshot, in a fixed order. */
async function stored(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const rows = (await store.db.selectFrom(t).selectAll().execute()) as Array<Record<string, unknown>>;
    out[t] = rows.map(({ snapshot_id: _, ...r }) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  const metrics = await store.db
    .selectFrom('metrics')
    .select(['metric', 'scope', 'subject', 'value'])
    .where('analysis', 'in', ['hotspots', 'knowledge'])
    .execute();
  out.metrics = metrics.map((m) => JSON.stringify(m)).sort();
  return out;
}

describe.each(ENGINES)('history read in chunks on %s', (engine) => {
  test('the chunks hold the whole history newest first, each commit whole', async () => {
    const dir = buildRepo(tempDir(), history());
    const store = await scanned(engine, dir);
    // Commit keys read 7 at a time: the order of the history is built from many queries.
    HISTORY_CHUNK.keys = 7;
    try {
      const snapshotId = (await store.db.selectFrom('snapshots').select('id').executeTakeFirstOrThrow()).id;
      const segments = await segmentsOf(store, snapshotId);
      const whole = await changesNewestFirst(store, segments);
      const chunks: Array<Array<{ sha: string }>> = [];
      for await (const c of changeChunksNewestFirst(store, segments, 3)) chunks.push(c);
      expect(chunks.length).toBeGreaterThan(20);
      // No commit is split between two chunks.
      for (let i = 1; i < chunks.length; i++)
        expect(chunks[i]?.[0]?.sha).not.toBe(chunks[i - 1]?.at(-1)?.sha);
      const paths = (await regularFiles(store, snapshotId)).map((f) => f.path);
      expect([...followRenames(chunks.flat() as typeof whole, paths)]).toEqual([
        ...followRenames(whole, paths),
      ]);

      const facts = await historyFacts(store, segments);
      const commits: string[] = [];
      const changes: string[] = [];
      for await (const c of historyFactChunks(store, segments, 4)) {
        const shas = new Set(c.commits.map((x) => x.sha));
        expect(c.changes.every((ch) => shas.has(ch.commitSha))).toBe(true);
        commits.push(...c.commits.map((x) => JSON.stringify(x)));
        changes.push(...c.changes.map((x) => JSON.stringify(x)));
      }
      expect(commits.sort()).toEqual(facts.commits.map((x) => JSON.stringify(x)).sort());
      expect(changes.sort()).toEqual(facts.changes.map((x) => JSON.stringify(x)).sort());
    } finally {
      await store.close();
    }
  });

  test('hotspots, coupling and knowledge store the same tables from chunks of 3 commits as from one', async () => {
    const dir = buildRepo(tempDir(), history());
    HISTORY_CHUNK.commits = 3;
    HISTORY_CHUNK.keys = 5;
    const small = await scanned(engine, dir);
    Object.assign(HISTORY_CHUNK, { commits: 1_000_000, keys: 1_000_000 });
    const one = await scanned(engine, dir);
    try {
      const a = await stored(small);
      const b = await stored(one);
      expect(a).toEqual(b);
      // The history is rich enough to make each table say something.
      expect(a.coupling?.length).toBeGreaterThan(0);
      expect(a.file_authors?.length).toBeGreaterThan(5);
      expect(a.people?.length).toBe(4);

      // Hotspots equal the whole-history computation.
      const snapshotId = (await small.db.selectFrom('snapshots').select('id').executeTakeFirstOrThrow()).id;
      const segments = await segmentsOf(small, snapshotId);
      const files = await codeFilesOf(small, snapshotId);
      const whole = await changesNewestFirst(small, segments);
      const referenceTs = Date.parse(`${TODAY}T23:59:59Z`) / 1000;
      const expected = computeHotspots(
        files,
        followRenames(
          whole,
          files.map((f) => f.path),
        ),
        referenceTs,
      );
      const hot = await small.db.selectFrom('hotspots').selectAll().execute();
      expect(hot.map(({ snapshot_id: _, ...r }) => r).sort((x, y) => (x.path < y.path ? -1 : 1))).toEqual(
        expected.sort((x, y) => (x.path < y.path ? -1 : 1)),
      );

      // Coupling equals code-maat's definition counted over the whole history held at once.
      const paths = (await regularFiles(small, snapshotId)).map((f) => f.path);
      const revs = new Map<string, number>();
      const pairs = new Map<string, number>();
      for (const c of followRenames(whole, paths, DEFAULT_COUPLING.maxChangeset)) {
        if (c.size > DEFAULT_COUPLING.maxChangeset) continue;
        const ps = c.changes.map((ch) => ch.path).sort();
        for (const p of ps) revs.set(p, (revs.get(p) ?? 0) + 1);
        for (let i = 0; i < ps.length; i++)
          for (let j = i + 1; j < ps.length; j++)
            pairs.set(`${ps[i]}\0${ps[j]}`, (pairs.get(`${ps[i]}\0${ps[j]}`) ?? 0) + 1);
      }
      const reference = [...pairs].flatMap(([key, shared]) => {
        const [pa, pb] = key.split('\0') as [string, string];
        const ra = revs.get(pa) ?? 0;
        const rb = revs.get(pb) ?? 0;
        const degree = Math.round((shared / ((ra + rb) / 2)) * 1000) / 10;
        return shared >= DEFAULT_COUPLING.minShared &&
          (ra + rb) / 2 >= DEFAULT_COUPLING.minRevs &&
          degree >= DEFAULT_COUPLING.minDegree
          ? [JSON.stringify({ commits_a: ra, commits_b: rb, degree, path_a: pa, path_b: pb, shared })]
          : [];
      });
      expect(a.coupling).toEqual(reference.sort());
    } finally {
      await small.close();
      await one.close();
    }
  });
});
