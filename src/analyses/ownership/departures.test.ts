// Histories where a replay of `git log` departs from `git blame` unless it decides as blame does:
// a new path blame follows to a source the log paired elsewhere, a merge whose combined diff hides
// lines, renames across a merge, files and lines a merge adds. Each is compared with plain blame.
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { blameByGit, filesAtHead } from '../../../test/helpers/blame.ts';
import {
  ADA,
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
import { ownershipByPath } from '../../store/ownership.ts';
import { openStore } from '../../store/store.ts';
import { BLAME_DIRECTLY_UP_TO, ownershipAnalysis } from './analysis.ts';
import { replayOwnership } from './replay.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const lines = (tag: string, n: number, from = 1) => Array.from({ length: n }, (_, i) => `${tag} ${i + from}`);
const text = (ls: string[]) => `${ls.join('\n')}\n`;

const widget = lines('widget', 30);
const bobWidget = widget.map((l, i) => (i >= 4 && i < 9 ? `bob ${i}` : l));
const common = lines('shared', 20);
const one = [...common, ...lines('one', 10)];
const two = [...common, ...lines('two', 5)];
// A reordering on a branch against a change at the end on main: the merge's combined diff at -U0
// leaves out the lines common to both parents that carry deleted lines.
const bytes = ['DOLLAR', 'ASTERISK', 'PLUS', 'MINUS', 'COLON'];
const sorted = ['ASTERISK', 'COLON', 'COMMA', 'DOLLAR', 'EQUAL', 'HASH', 'MINUS', 'PERCENT', 'PLUS', 'TILDE'];
const proto = (names: string[], last: string) => [
  'class P {',
  '',
  ...names,
  '',
  'TRUE',
  ...lines('t', 4),
  last,
  '}',
];
const moved = lines('moved', 10);
const pads = Object.fromEntries(
  Array.from({ length: BLAME_DIRECTLY_UP_TO + 1 }, (_, i) => [`pad/${i}.txt`, `pad ${i}\n`]),
);

function history(): CommitSpec[] {
  return [
    {
      author: ADA,
      files: {
        'old/Widget.java': text(widget),
        'lib/one.txt': text(one),
        'p.txt': text(proto(bytes, 't 5')),
        'a.txt': text(moved),
        'keep.txt': text(lines('keep', 12)),
        'src/util.txt': text(lines('util', 12)),
        ...pads,
      },
    },
    {
      author: BOB,
      // A copy whose source stays is not followed: blame without -C gives it to the copier.
      files: { 'old/Widget.java': text(bobWidget), 'lib/two.txt': text(two), 'copy.txt': text(one) },
    },
    {
      // One commit moves and splits: the log pairs each deleted file with one new file only.
      author: CY,
      files: {
        'old/Widget.java': null,
        'lib/one.txt': null,
        'lib/two.txt': null,
        'new/Widget.java': text(bobWidget.map((l, i) => (i === 20 ? 'cy 20' : l))),
        'new/WidgetTestBase.java': text([...bobWidget, ...lines('cy', 8)]),
        'pkg/first.txt': text(one.map((l, i) => (i === 25 ? 'cy 25' : l))),
        'pkg/second.txt': text([...common, ...one.slice(20, 28), ...two.slice(20, 22)]),
      },
    },
    {
      author: BOB,
      branch: 'topic',
      from: 2,
      files: {
        'p.txt': text(proto(sorted, 't 5')),
        'b.txt': text(['moved 1', 'bob 2', ...moved.slice(2)]),
        'kept.txt': text(['bob 1', ...lines('keep', 11, 2)]),
        'extra.txt': text(['bob 1', ...lines('keep', 10, 2), 'ada 12', 'merge 13']),
        'lib/util.txt': text([...lines('util', 11), 'bob 12']),
        'lib/helpers.txt': text([...lines('util', 12), ...lines('help', 4)]),
      },
      renames: [
        ['a.txt', 'b.txt'],
        ['keep.txt', 'kept.txt'],
      ],
    },
    {
      author: ADA,
      files: {
        'p.txt': text(proto(bytes, 'main 5')),
        'a.txt': text([...moved.slice(0, 8), 'ada 9', 'moved 10']),
        'keep.txt': text([...lines('keep', 11), 'ada 12']),
      },
    },
    {
      author: CY,
      merge: [3],
      files: {
        'p.txt': text(proto(sorted, 'main 5')),
        'a.txt': null,
        'b.txt': text(['moved 1', 'bob 2', ...moved.slice(2, 8), 'ada 9', 'merge 10', 'moved 10']),
        'added-by-merge.txt': text(lines('merge', 3)),
        // The branch renamed it, the merge keeps the old name: blame follows the branch's file.
        'kept.txt': null,
        'keep.txt': text(['bob 1', ...lines('keep', 10, 2), 'ada 12', 'merge 13']),
        // Kept as the branch has it, so not a file blame can follow in the branch.
        'extra.txt': text(['bob 1', ...lines('keep', 10, 2), 'ada 12', 'merge 13']),
        // The log pairs the deleted util with lib/util.txt; blame follows helpers to it too.
        'src/util.txt': null,
        'lib/util.txt': text([...lines('util', 11), 'bob 12']),
        'lib/helpers.txt': text([...lines('util', 12), ...lines('help', 4), 'merge evil']),
      },
    },
  ];
}

const CASES = [
  'new/Widget.java',
  'new/WidgetTestBase.java',
  'pkg/first.txt',
  'pkg/second.txt',
  'p.txt',
  'b.txt',
  'added-by-merge.txt',
  'keep.txt',
  'lib/helpers.txt',
  'copy.txt',
];

test('the replay follows files and merges as git blame does', async () => {
  const dir = buildRepo(join(tempDir(), 'r'), history());
  const r = await replayOwnership(join(dir, '.git'), git(dir, ['rev-parse', 'HEAD']).trim());
  const got: Record<string, Record<string, number>> = {};
  for (const path of CASES) {
    const counts = r.files.get(path);
    expect(counts, `${path} replayed`).toBeTruthy();
    got[path] = Object.fromEntries([...(counts ?? [])].map(([a, n]) => [r.authors[a]?.email ?? '?', n]));
  }
  const expected = blameByGit(dir, CASES);
  expect(got).toEqual(expected);
  // By construction: blame follows the new test base to the old widget (Ada's and Bob's lines),
  // and the second file to `one.txt`, whose shared lines are Ada's (Bob's in `two.txt`).
  expect(expected['new/WidgetTestBase.java']).toEqual({ [ADA.email]: 25, [BOB.email]: 5, [CY.email]: 8 });
  expect(expected['pkg/second.txt']?.[ADA.email]).toBe(28);
  expect(expected['added-by-merge.txt']).toEqual({ [CY.email]: 3 });
  expect(expected['keep.txt']).toEqual({ [ADA.email]: 11, [BOB.email]: 1, [CY.email]: 1 });
  expect(expected['copy.txt']).toEqual({ [BOB.email]: 30 });
  expect(expected['lib/helpers.txt']).toEqual({ [ADA.email]: 12, [BOB.email]: 4, [CY.email]: 1 });
});

describe.each(ENGINES)('ownership through the replay on %s', (engine: Engine) => {
  test('stores for every file the owners git blame gives', async () => {
    const dir = buildRepo(join(tempDir(), 'app'), history());
    const store = await openStore(freshStoreTarget(engine));
    try {
      const scan = await runScan(store, {
        paths: [dir],
        depth: 1,
        jobs: 1,
        maxFileSize: 1 << 20,
        plugins: givenPlugins({ analyses: [ownershipAnalysis] }),
        workspace: { dir: '.', config: {} },
      });
      expect(scan.repositories[0]?.diagnostics.filter((d) => d.collector === 'ownership')).toEqual([]);
      const repo = await store.db
        .selectFrom('repositories')
        .select('current_snapshot_id')
        .executeTakeFirstOrThrow();
      const stored: Record<string, Record<string, number>> = {};
      for (const [path, rows] of await ownershipByPath(store, Number(repo.current_snapshot_id))) {
        stored[path] = Object.fromEntries(rows.map((r) => [r.author_email, Number(r.lines)]));
      }
      expect(stored).toEqual(blameByGit(dir, filesAtHead(dir)));
    } finally {
      await store.close();
    }
  });
});
