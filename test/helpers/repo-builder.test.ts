import { afterAll, expect, test } from 'vitest';
import { ADA, addCommits, BOB, buildRepo, cleanupTemp, git, tempDir } from './repo-builder.ts';

afterAll(cleanupTemp);

test('builds commits with fixed authors, dates, merges and tags', () => {
  const dir = buildRepo(
    tempDir(),
    [
      { author: ADA, date: '2024-01-01T10:00:00+02:00', files: { 'a.txt': 'one\n', 'my file.txt': 'x\n' } },
      {
        author: BOB,
        date: '2024-01-02T10:00:00-05:00',
        files: { 'b.txt': 'two\n' },
        branch: 'topic',
        from: 0,
      },
      { author: ADA, date: '2024-01-03T10:00:00Z', files: { 'a.txt': 'one\nmore\n' } },
      {
        author: ADA,
        date: '2024-01-04T10:00:00Z',
        merge: [1],
        message: 'merge topic',
        files: { 'b.txt': 'two\n' },
      },
    ],
    {
      tags: [
        { name: 'v1.0.0', at: 0 },
        { name: 'v1.1.0', at: 3, message: 'release' },
      ],
    },
  );
  expect(git(dir, ['rev-list', '--count', 'main']).trim()).toBe('4');
  expect(git(dir, ['log', '-1', '--format=%an|%aI', 'main~1']).trim()).toBe(
    'Ada Lovelace|2024-01-03T10:00:00+00:00',
  );
  expect(git(dir, ['log', '-1', '--format=%aI', 'topic']).trim()).toBe('2024-01-02T10:00:00-05:00');
  expect(git(dir, ['cat-file', '-t', 'v1.1.0']).trim()).toBe('tag');
  expect(git(dir, ['cat-file', '-t', 'v1.0.0']).trim()).toBe('commit');
  expect(git(dir, ['ls-tree', '-r', '--name-only', 'main']).split('\n').filter(Boolean).sort()).toEqual([
    'a.txt',
    'b.txt',
    'my file.txt',
  ]);
  addCommits(dir, [{ files: { 'c.txt': 'three\n' } }]);
  expect(git(dir, ['rev-list', '--count', 'main']).trim()).toBe('5');
});
