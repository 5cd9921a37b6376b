// One ownership pass serves every `scan --history` point and the current snapshot: each point's
// stored ownership equals `git blame` at that point's commit, and one replay (one worker) ran for
// the whole scan.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blameByGit, filesAtHead } from '../../../test/helpers/blame.ts';
import { ADA, BOB, buildRepo, CY, cleanupTemp, git, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import type { Engine } from '../../store/migrations/index.ts';
import { ownershipByPath } from '../../store/ownership.ts';
import { openStore } from '../../store/store.ts';
import { BLAME_DIRECTLY_UP_TO, ownershipAnalysis } from './analysis.ts';
import { passesStarted } from './pass.ts';

const lines = (tag: string, n: number) =>
  `${Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n')}\n`;

/** More files than are blamed directly, so a first scan replays; commits in three quarters, a rename and a merge. */
const MANY = BLAME_DIRECTLY_UP_TO + 10;
const first = Object.fromEntries(Array.from({ length: MANY }, (_, i) => [`f${i}.txt`, lines(`ada${i}`, 6)]));

/** Every file with one more line by `author`: more changed files than are blamed directly. */
const touchAll = (files: Record<string, string>, who: string) =>
  Object.fromEntries(Object.entries(files).map(([p, t]) => [p, `${t}${who} ${p}\n`]));
const q2 = { ...first, 'f1.txt': lines('bob', 8), 'new.txt': lines('bob', 3) };
const q3 = touchAll(q2, 'ada');
const q4 = touchAll(q3, 'cy');

let repo = '';
/** `git blame` of every file at each commit of HEAD's first-parent line. */
const expected = new Map<string, Record<string, Record<string, number>>>();
beforeAll(() => {
  repo = buildRepo(join(tempDir(), 'points'), [
    { date: '2025-04-10T12:00:00Z', author: ADA, files: first },
    {
      date: '2025-05-10T12:00:00Z',
      author: BOB,
      files: { 'f1.txt': q2['f1.txt'] as string, 'new.txt': q2['new.txt'] as string },
    },
    {
      date: '2025-07-05T12:00:00Z',
      author: CY,
      branch: 'side',
      from: 1,
      files: { 'f2.txt': `${lines('ada2', 6)}cy tail\n` },
      renames: [['f3.txt', 'moved/f3.txt']],
    },
    { date: '2025-08-01T12:00:00Z', author: ADA, files: q3 },
    {
      date: '2025-08-20T12:00:00Z',
      author: BOB,
      merge: [2],
      files: { 'f2.txt': `${q3['f2.txt']}cy tail\n`, 'f3.txt': null, 'moved/f3.txt': q3['f3.txt'] as string },
    },
    {
      date: '2025-11-02T12:00:00Z',
      author: CY,
      files: { ...q4, 'f2.txt': `${q3['f2.txt']}cy tail\ncy more\n`, 'f3.txt': null, 'f4.txt': null },
    },
    { date: '2026-01-20T12:00:00Z', author: BOB, files: touchAll(q4, 'bob') },
  ]);
  for (const commit of git(repo, ['rev-list', '--first-parent', 'HEAD']).trim().split('\n'))
    expected.set(commit, blameByGit(repo, filesAtHead(repo, commit), commit));
});

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('ownership at --history points on %s', (engine: Engine) => {
  test('each point owns its lines as git blame at its commit says, from one pass', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      const before = passesStarted();
      const r = await runScan(store, {
        paths: [repo],
        depth: 1,
        jobs: 1,
        maxFileSize: 1 << 20,
        plugins: givenPlugins({ analyses: [ownershipAnalysis] }),
        workspace: { dir: tempDir(), config: {} },
        history: { count: 3, unit: 'q' },
        today: '2026-02-15',
      });
      const [o] = r.repositories;
      expect(o?.status).not.toBe('failed');
      expect(o?.diagnostics.filter((d) => d.collector === 'ownership')).toEqual([]);
      const points = (o?.history ?? []).filter((p) => p.status === 'written');
      // Quarter ends 2025-06-30, 2025-09-30, 2025-12-31: three commits, then the current snapshot;
      // each changes more files than are blamed directly, so each would otherwise replay again.
      expect(points.map((p) => p.asOf)).toEqual(['2025-06-30', '2025-09-30', '2025-12-31']);
      const snapshots = [
        ...points.map((p) => ({ id: p.snapshotId as number, commit: p.commit as string })),
        { id: o?.snapshotId as number, commit: git(repo, ['rev-parse', 'HEAD']).trim() },
      ];
      expect(new Set(snapshots.map((s) => s.commit)).size).toBe(4);
      for (const s of snapshots) {
        const stored: Record<string, Record<string, number>> = {};
        for (const [path, rows] of await ownershipByPath(store, s.id))
          stored[path] = Object.fromEntries(rows.map((x) => [x.author_email, Number(x.lines)]));
        expect(stored, s.commit).toEqual(expected.get(s.commit));
      }
      expect(passesStarted() - before).toBe(1);
    } finally {
      await store.close();
    }
  });
});
