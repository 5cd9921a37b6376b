import { afterAll, describe, expect, it } from 'vitest';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../../../../test/helpers/repo-builder.ts';
import { readFiles, readHistory } from './history.ts';

afterAll(cleanupTemp);

describe('readHistory', () => {
  it('reads add, modify, delete and rename records, and merges without changes', async () => {
    const dir = buildRepo(
      tempDir(),
      [
        { author: ADA, files: { 'a b.ts': 'one\ntwo\nthree\n', 'gone.ts': 'x\n' } },
        { author: BOB, renames: [['a b.ts', 'dir/new\nline.ts']], files: { 'gone.ts': null } },
        { author: BOB, branch: 'side', from: 0, files: { 's.ts': 's\n' } },
        { author: ADA, merge: [2], files: { 's.ts': 's\n' } },
      ],
      { bare: true },
    );
    const history = await readHistory(dir, 'main');
    expect(history.map((c) => [c.authorEmail, c.parents.length, c.changes])).toEqual([
      ['ada@example.com', 2, []],
      ['bob@example.com', 1, [{ status: 'A', path: 's.ts' }]],
      [
        'bob@example.com',
        1,
        [
          { status: 'R', oldPath: 'a b.ts', path: 'dir/new\nline.ts' },
          { status: 'D', path: 'gone.ts' },
        ],
      ],
      [
        'ada@example.com',
        0,
        [
          { status: 'A', path: 'a b.ts' },
          { status: 'A', path: 'gone.ts' },
        ],
      ],
    ]);
    expect(history[0]!.sha).toMatch(/^[0-9a-f]{40}$/);
    expect((await readFiles(dir, 'main')).sort()).toEqual(['dir/new\nline.ts', 's.ts']);
  });
});
