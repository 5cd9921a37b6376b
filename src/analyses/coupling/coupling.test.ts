import { describe, expect, it } from 'vitest';
import type { CommitChanges } from '../hotspots/follow.ts';
import { computeCoupling, DEFAULT_COUPLING } from './coupling.ts';

function commit(paths: string[], size = paths.length): CommitChanges {
  return {
    sha: paths.join(),
    ts: 0,
    date: '',
    author: '',
    size,
    changes: paths.map((path) => ({ path, added: 0, deleted: 0 })),
  };
}

const times = (k: number, c: CommitChanges) => Array.from({ length: k }, () => c);

describe('computeCoupling', () => {
  it('degree is shared commits over the average of both files’ commits, with code-maat’s thresholds', async () => {
    const commits = [
      ...times(6, commit(['a', 'b'])),
      ...times(2, commit(['a'])),
      ...times(4, commit(['b', 'c'])),
      ...times(10, commit(['c'])),
      ...times(3, commit(['a', 'd'])), // d: 3 shared with a, below min shared revisions (5)
    ];
    const pairs = await computeCoupling(() => commits);
    // a: 11 commits, b: 10, shared 6 -> 6 / 10.5 = 57.1%; b-c: 4 shared < 5; a-d: 3 shared.
    expect(pairs).toEqual([
      { path_a: 'a', path_b: 'b', shared: 6, commits_a: 11, commits_b: 10, degree: 57.1 },
    ]);
  });

  it('leaves out commits with more files than the maximum change set, and pairs below the minimum degree', async () => {
    const big = Array.from({ length: 31 }, (_, i) => `f${i}`);
    expect(await computeCoupling(() => times(10, commit(big)))).toEqual([]);
    // The size counts every file of the commit, also those no longer in the snapshot.
    expect(await computeCoupling(() => times(10, commit(['x', 'y'], 31)))).toEqual([]);
    expect(await computeCoupling(() => times(10, commit(['x', 'y'], 30)))).toHaveLength(1);
    const weak = [...times(5, commit(['x', 'y'])), ...times(30, commit(['x'])), ...times(30, commit(['y']))];
    expect(await computeCoupling(() => weak)).toEqual([]); // 5 / 35 = 14% < 30%
    expect((await computeCoupling(() => weak, { ...DEFAULT_COUPLING, minDegree: 10 }))[0]?.degree).toBe(14.3);
  });
});
