import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { blameByGit } from '../../../test/helpers/blame.ts';
import {
  ADA,
  addCommits,
  BOB,
  buildRepo,
  type CommitSpec,
  CY,
  cleanupTemp,
  git,
  tempDir,
} from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import type { Engine } from '../../store/migrations/index.ts';
import { ownershipRollup } from '../../store/ownership.ts';
import { openStore, type Store } from '../../store/store.ts';
import { ownershipAnalysis } from './analysis.ts';
import { blameFile } from './blame.ts';
import { readAhead, replayOwnership } from './replay.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const lines = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`);
const text = (ls: string[]) => `${ls.join('\n')}\n`;

/** Several authors, a topic branch merged with both sides touching the same file, renames, a rewrite. */
function history(): CommitSpec[] {
  const a0 = lines('a', 10);
  const a1 = ['a 1', 'bob 2', 'bob 3', ...a0.slice(3), 'bob 11', 'bob 12'];
  const aTopic = a1.map((l) => (l === 'a 8' ? 'cy 8' : l));
  const aMain = a1.map((l) => (l === 'a 1' ? 'ada 1' : l));
  const aMerged = [...aMain.map((l) => (l === 'a 8' ? 'cy 8' : l)), 'merge line'];
  return [
    {
      author: ADA,
      files: { 'a.txt': text(a0), 'b.txt': text(lines('b', 5)), 'dir/c.txt': text(lines('c', 4)) },
    },
    { author: BOB, files: { 'a.txt': text(a1), 'bin.dat': Buffer.from([0, 1, 2, 10, 0]) } },
    {
      author: CY,
      branch: 'topic',
      from: 1,
      files: { 'a.txt': text(aTopic) },
      renames: [['b.txt', 'dir/b2.txt']],
    },
    { author: ADA, files: { 'a.txt': text(aMain), 'd.txt': text(lines('d', 6)) } },
    { author: CY, branch: 'topic', files: { 'dir/b2.txt': text([...lines('b', 5), 'cy tail']) } },
    {
      author: BOB,
      merge: [4],
      files: { 'a.txt': text(aMerged), 'b.txt': null, 'dir/b2.txt': text([...lines('b', 5), 'cy tail']) },
    },
    {
      author: BOB,
      files: { 'd.txt': text(lines('rewritten', 3)) },
      renames: [['dir/c.txt', 'dir/c-moved.txt']],
    },
  ];
}

const TEXT_FILES = ['a.txt', 'd.txt', 'dir/b2.txt', 'dir/c-moved.txt'];

test('the replay gives every text file the same owners as git blame', async () => {
  const dir = buildRepo(join(tempDir(), 'r'), history());
  const commit = git(dir, ['rev-parse', 'HEAD']).trim();
  const r = await replayOwnership(join(dir, '.git'), commit);
  const got: Record<string, Record<string, number>> = {};
  for (const path of TEXT_FILES) {
    const counts = r.files.get(path);
    expect(counts, path).toBeTruthy();
    got[path] = Object.fromEntries([...(counts ?? [])].map(([a, n]) => [r.authors[a]?.email ?? '?', n]));
  }
  const expected = blameByGit(dir, TEXT_FILES);
  expect(got).toEqual(expected);
  // By construction: the rewrite is Bob's, the merge line Bob's, Cy's line survives the merge.
  expect(expected['d.txt']).toEqual({ [BOB.email]: 3 });
  expect(expected['a.txt']?.[CY.email]).toBe(1);
});

/**
 * Topic branches forked early and merged late (one renames a file the main line keeps changing,
 * one changes a file both sides change and is merged twice), so commits, branch points, renames
 * and merges fall on both sides of every boundary between parts of the logs.
 */
function longHistory(): CommitSpec[] {
  let a = lines('a', 30);
  let b = lines('b', 20);
  let n = 0;
  const main = (author = ADA): CommitSpec => {
    n++;
    a = a.map((l, k) => (k % 6 === n % 6 ? `${author.name} ${n}` : l));
    b = [...b.slice(1), `${author.name} tail ${n}`];
    const bPath = n > 12 ? 'dir/b-moved.txt' : 'b.txt';
    return { author, files: { 'a.txt': text(a), [bPath]: text(b) } };
  };
  const topicA = (tag: string) => text(a.map((l, k) => (k === 25 ? `topic ${tag}` : l)));
  const c: CommitSpec[] = [{ author: ADA, files: { 'a.txt': text(a), 'b.txt': text(b) } }];
  c.push(main(BOB), main(CY), main(ADA)); // 1-3
  c.push({
    author: CY,
    branch: 't4',
    from: 2,
    files: { 't4.txt': text(lines('t4', 8)) },
    renames: [['b.txt', 'dir/b-moved.txt']],
  }); // 4
  c.push(main(BOB), main(ADA)); // 5-6
  c.push({ author: CY, branch: 't4', files: { 't4.txt': text([...lines('t4', 8), 'cy 7']) } }); // 7
  c.push(main(BOB)); // 8
  c.push({ author: CY, branch: 't9', from: 5, files: { 'a.txt': topicA('9') } }); // 9
  c.push(main(ADA)); // 10
  c.push({ author: CY, branch: 't9', files: { 'c.txt': text(lines('c', 5)) } }); // 11
  a = [...a, 'merge 12'];
  c.push({ author: BOB, merge: [7], files: { 'a.txt': text(a), 'b.txt': null, 'dir/b-moved.txt': text(b) } }); // 12
  c.push(main(ADA)); // 13
  c.push({ author: BOB, branch: 't14', from: 10, files: { 't14.txt': text(lines('t14', 4)) } }); // 14
  c.push(main(CY)); // 15
  a = a.map((l, k) => (k === 25 ? 'topic 9' : l));
  c.push({ author: ADA, merge: [11], files: { 'a.txt': text(a), 'c.txt': text(lines('c', 5)) } }); // 16
  c.push({ author: CY, branch: 't9', files: { 'c.txt': text([...lines('c', 5), 'cy 17']) } }); // 17
  c.push(main(BOB)); // 18
  c.push({ author: ADA, merge: [17], files: { 'c.txt': text([...lines('c', 5), 'cy 17']) } }); // 19
  c.push(main(CY)); // 20
  c.push({ author: BOB, merge: [14], files: { 't14.txt': text(lines('t14', 4)) } }); // 21
  c.push(main(ADA), main(BOB)); // 22-23
  return c;
}

test('the log of patches read in parts by several git processes replays to the same owners, those of git blame', async () => {
  const dir = buildRepo(join(tempDir(), 'parts'), longHistory());
  const commit = git(dir, ['rev-parse', 'HEAD']).trim();
  expect(git(dir, ['rev-list', '--merges', '--count', 'HEAD']).trim()).toBe('4');
  const owners = async (parts: number) => {
    const r = await replayOwnership(join(dir, '.git'), commit, undefined, { parts });
    const out: Record<string, Record<string, number> | null> = {};
    for (const [path, counts] of r.files)
      out[path] = counts && Object.fromEntries([...counts].map(([x, n]) => [r.authors[x]?.email ?? '?', n]));
    return out;
  };
  const one = await owners(1);
  const files = Object.keys(one).sort();
  expect(files).toContain('dir/b-moved.txt');
  expect(one).toEqual(blameByGit(dir, files));
  for (const parts of [2, 3, 5]) expect(await owners(parts), `${parts} parts`).toEqual(one);
});

test('reading the log ahead hands its failure to the replay in order, never as an unhandled rejection', async () => {
  async function* log() {
    yield 1;
    yield 2;
    throw new Error('git log failed');
  }
  const got: number[] = [];
  const replay = async () => {
    for await (const c of readAhead(log(), 8)) {
      got.push(c);
      await new Promise((resolve) => setTimeout(resolve, 20)); // the failure arrives meanwhile
    }
  };
  await expect(replay()).rejects.toThrow('git log failed');
  expect(got).toEqual([1, 2]);
});

test('blame ignores a repository whose blame.ignoreRevsFile is /dev/zero', async () => {
  const dir = buildRepo(join(tempDir(), 'hostile'), history());
  git(dir, ['config', 'blame.ignoreRevsFile', '/dev/zero']);
  const commit = git(dir, ['rev-parse', 'HEAD']).trim();
  const rows = await blameFile(join(dir, '.git'), commit, 'a.txt', 20_000);
  expect(rows.reduce((n, r) => n + r.lines, 0)).toBe(13);
  expect(rows.find((r) => r.email === CY.email)?.lines).toBe(1);
});

async function scan(store: Store, path: string) {
  const r = await runScan(store, {
    paths: [path],
    depth: 1,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ analyses: [ownershipAnalysis] }),
    workspace: { dir: '.', config: {} },
  });
  expect(r.repositories[0]?.diagnostics.filter((d) => d.collector === 'ownership')).toEqual([]);
}

async function stored(store: Store): Promise<Record<string, Record<string, number>>> {
  const rows = await store.db
    .selectFrom('current_ownership' as never)
    .select(['path', 'author_email', 'lines'] as never)
    .execute();
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows as Array<{ path: string; author_email: string; lines: number }>) {
    out[r.path] = { ...out[r.path], [r.author_email]: Number(r.lines) };
  }
  return out;
}

describe.each(ENGINES)('ownership analysis on %s', (engine: Engine) => {
  test('stores git blame ownership per text file, and a rescan recomputes only the changed file', async () => {
    const dir = buildRepo(join(tempDir(), 'app'), history());
    const store = await openStore(freshStoreTarget(engine));
    try {
      await scan(store, dir);
      expect(await stored(store)).toEqual(blameByGit(dir, TEXT_FILES));
      addCommits(dir, [{ author: CY, files: { 'd.txt': text(['rewritten 1', 'cy new', 'rewritten 3']) } }]);
      await scan(store, dir);
      const after = await stored(store);
      expect(after).toEqual(blameByGit(dir, TEXT_FILES));
      expect(after['d.txt']).toEqual({ [BOB.email]: 2, [CY.email]: 1 });
      const snap = await store.db
        .selectFrom('repositories')
        .select('current_snapshot_id')
        .executeTakeFirstOrThrow();
      const total = await ownershipRollup(store, snap.current_snapshot_id as number);
      expect(total.reduce((n, r) => n + r.lines, 0)).toBe(13 + 3 + 6 + 4);
      const folder = await ownershipRollup(store, snap.current_snapshot_id as number, 'dir');
      expect(folder.reduce((n, r) => n + r.lines, 0)).toBe(10);
    } finally {
      await store.close();
    }
  });
});
