import { describe, expect, it } from 'vitest';
import { DAY } from '../../reference-date.ts';
import type { ChangeRow } from '../../store/hotspots.ts';
import { followRenames } from './follow.ts';
import { computeHotspots, trendOf } from './hotspots.ts';

function change(sha: string, ts: number, path: string, extra: Partial<ChangeRow> = {}): ChangeRow {
  return {
    sha,
    ts,
    date: new Date(ts * 1000).toISOString(),
    author: 'a@x',
    path,
    oldPath: null,
    status: 'M',
    added: 1,
    deleted: 0,
    ...extra,
  };
}

describe('followRenames', () => {
  it('gives changes made under an old name to the renamed file, and keeps a name history across deletion and addition', () => {
    // Newest first: c4 renames old.c -> new.c; c3 and c2 change old.c; c2 deletes an older, unrelated new.c
    // that c1 added together with old.c.
    const changes = [
      change('c4', 400, 'new.c', { status: 'R', oldPath: 'old.c' }),
      change('c3', 300, 'old.c'),
      change('c2', 200, 'new.c', { status: 'D' }),
      change('c2', 200, 'old.c'),
      change('c1', 100, 'new.c', { status: 'A' }),
      change('c1', 100, 'old.c', { status: 'A' }),
    ];
    const commits = [...followRenames(changes, ['new.c'])];
    expect(commits.map((c) => [c.sha, c.size, c.changes.map((x) => x.path)])).toEqual([
      ['c4', 1, ['new.c']],
      ['c3', 1, ['new.c']],
      ['c2', 2, ['new.c']],
      ['c1', 2, ['new.c']],
    ]);
    // c2 changes both names, which both belong to new.c at the snapshot: it counts once.
    expect(commits[2]?.changes).toHaveLength(1);
    // Without the rename, old.c's changes are not new.c's.
    expect(
      [...followRenames(changes.slice(1), ['new.c'])].filter((c) => c.changes.length > 0).map((c) => c.sha),
    ).toEqual(['c2', 'c1']);
  });

  it('keeps a swap of two names right', () => {
    const changes = [
      change('s', 200, 'a', { status: 'R', oldPath: 'b' }),
      change('s', 200, 'b', { status: 'R', oldPath: 'a' }),
      change('p', 100, 'a'),
    ];
    const commits = [...followRenames(changes, ['a', 'b'])];
    // Before the swap, the file now called `b` was called `a`.
    expect(commits[1]?.changes.map((c) => c.path)).toEqual(['b']);
  });

  it('follows the renames of a commit over the size limit without listing its changes', () => {
    const changes = [
      change('big', 300, 'new.c', { status: 'R', oldPath: 'old.c' }),
      change('big', 300, 'x.c', { status: 'A' }),
      change('big', 300, 'y.c', { status: 'A' }),
      change('small', 200, 'old.c'),
    ];
    const commits = [...followRenames(changes, ['new.c', 'x.c', 'y.c'], 2)];
    expect(commits.map((c) => [c.sha, c.size, c.changes.map((x) => x.path)])).toEqual([
      ['big', 3, []],
      ['small', 1, ['new.c']],
    ]);
  });
});

describe('computeHotspots', () => {
  it('counts commits, authors, lines, first and last change, and the 90-day trend against the year before', () => {
    const now = 1000 * DAY;
    const changes = [
      change('r1', now - 10 * DAY, 'f', { author: 'b@x', added: 5, deleted: 2 }),
      change('r2', now - 80 * DAY, 'f'),
      change('p1', now - 100 * DAY, 'f'),
      change('p2', now - 400 * DAY, 'f'),
      change('old', now - 500 * DAY, 'f'),
    ];
    const [h] = computeHotspots([{ path: 'f', code: 10, complexity: 3 }], followRenames(changes, ['f']), now);
    expect(h).toMatchObject({
      commits: 5,
      authors: 2,
      lines_added: 9,
      lines_deleted: 2,
      first_change_ts: now - 500 * DAY,
      last_change_ts: now - 10 * DAY,
      score: 50,
      complexity: 3,
      recent_commits: 2,
      baseline_commits: Math.round(((2 * 90) / 365) * 100) / 100,
      trend: 'rising',
    });
  });

  it('names the trend from the two numbers', () => {
    expect(trendOf(0, 0)).toBe('quiet');
    expect(trendOf(3, 0)).toBe('new');
    expect(trendOf(1, 4)).toBe('falling');
    expect(trendOf(4, 4)).toBe('stable');
    expect(trendOf(7, 4)).toBe('rising');
  });
});

describe('computeHotspots authors', () => {
  it('counts each file’s distinct authors, in any order of commits', () => {
    const who = ['a@x', 'b@x', 'a@x', 'c@x', 'b@x', 'a@x'];
    const changes = who.flatMap((author, i) => [
      change(`c${i}`, 1000 - i, 'f', { author }),
      ...(i % 2 === 0 ? [change(`c${i}`, 1000 - i, 'g', { author })] : []),
    ]);
    const rows = computeHotspots(
      [
        { path: 'f', code: 1, complexity: null },
        { path: 'g', code: 1, complexity: null },
        { path: 'h', code: 1, complexity: null },
      ],
      followRenames(changes, ['f', 'g', 'h']),
      1000,
    );
    expect(rows.map((r) => [r.path, r.commits, r.authors])).toEqual([
      ['f', 6, 3],
      ['g', 3, 2],
      ['h', 0, 0],
    ]);
  });
});
