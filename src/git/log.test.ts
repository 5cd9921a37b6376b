import { afterAll, describe, expect, test } from 'vitest';
import { ADA, BOB, buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { streamGit } from './invoke.ts';
import { type CommitRecord, LOG_ARGS, LogParser } from './log.ts';

afterAll(cleanupTemp);

async function readAll(gitDir: string, range: string, chunkSize?: number): Promise<CommitRecord[]> {
  const parser = new LogParser();
  const out: CommitRecord[] = [];
  for await (const chunk of streamGit({ gitDir, args: [...LOG_ARGS, range, '--'] })) {
    if (chunkSize) {
      for (let i = 0; i < chunk.length; i += chunkSize)
        out.push(...parser.push(chunk.subarray(i, i + chunkSize)));
    } else {
      out.push(...parser.push(chunk));
    }
  }
  out.push(...parser.end());
  return out;
}

describe('LogParser', () => {
  const dir = tempDir();
  buildRepo(dir, [
    {
      author: ADA,
      date: '2024-03-01T09:30:00+05:30',
      message: 'first line\nsecond line \u001e with a record separator\n',
      files: {
        'a b.txt': 'one\ntwo\n',
        'tab\there.txt': 'x\n',
        'new\nline.txt': 'y\n',
        'bin.dat': Buffer.from([0, 1, 2, 3]),
      },
    },
    {
      author: BOB,
      committer: ADA,
      date: '2024-03-02T10:00:00-08:00',
      message: 'rename and edit',
      renames: [['a b.txt', 'dir/renamed.txt']],
      files: { 'tab\there.txt': 'x\ny\nz\n', 'bin.dat': null },
    },
    {
      author: BOB,
      date: '2024-03-03T00:00:00Z',
      message: 'side',
      branch: 'side',
      from: 1,
      files: { 'side.txt': 's\n' },
    },
    {
      author: ADA,
      date: '2024-03-04T00:00:00Z',
      message: 'merge side',
      merge: [2],
      files: { 'side.txt': 's\n' },
    },
  ]);

  test('reads every commit with identities, dates with their offset, and subjects', async () => {
    const commits = await readAll(`${dir}/.git`, 'main');
    expect(commits.map((c) => c.subject)).toEqual([
      'merge side',
      'side',
      'rename and edit',
      'first line second line \u001e with a record separator',
    ]);
    const [merge, side, second, first] = commits as [CommitRecord, CommitRecord, CommitRecord, CommitRecord];
    expect(first.parents).toEqual([]);
    expect(first.authorDate).toBe('2024-03-01T09:30:00+05:30');
    expect(first.authorTs).toBe(Date.parse('2024-03-01T04:00:00Z') / 1000);
    expect(second.author).toEqual(BOB);
    expect(second.committer).toEqual(ADA);
    expect(second.committerDate).toBe('2024-03-02T10:00:00-08:00');
    expect(merge.parents).toEqual([second.sha, side.sha]);
    expect(merge.changes).toEqual([]);
  });

  test('parses changes: spaces, tabs, newlines in paths, renames, binary files, deletions', async () => {
    const commits = await readAll(`${dir}/.git`, 'main');
    const first = commits[3] as CommitRecord;
    const byPath = new Map(first.changes.map((c) => [c.path, c]));
    expect([...byPath.keys()].sort()).toEqual(['a b.txt', 'bin.dat', 'new\nline.txt', 'tab\there.txt']);
    expect(byPath.get('a b.txt')).toMatchObject({ status: 'A', added: 2, deleted: 0, binary: false });
    expect(byPath.get('bin.dat')).toMatchObject({ status: 'A', added: null, deleted: null, binary: true });
    const second = commits[2] as CommitRecord;
    const s = new Map(second.changes.map((c) => [c.path, c]));
    expect(s.get('dir/renamed.txt')).toMatchObject({ status: 'R', oldPath: 'a b.txt', added: 0, deleted: 0 });
    expect(s.get('tab\there.txt')).toMatchObject({ status: 'M', added: 2, deleted: 0 });
    expect(s.get('bin.dat')).toMatchObject({ status: 'D', binary: true });
  });

  test('gives the same result whatever the chunk boundaries', async () => {
    const whole = await readAll(`${dir}/.git`, 'main');
    const tiny = await readAll(`${dir}/.git`, 'main', 3);
    expect(tiny).toEqual(whole);
  });

  test('reads a range old..new', async () => {
    const all = await readAll(`${dir}/.git`, 'main');
    const first = all[3] as CommitRecord;
    const range = await readAll(`${dir}/.git`, `${first.sha}..main`);
    expect(range.map((c) => c.subject)).toEqual(['merge side', 'side', 'rename and edit']);
  });

  test('keeps a non-UTF-8 path distinct and lossless', async () => {
    const d = tempDir();
    buildRepo(d, [{ files: { 'seed.txt': 's\n' } }]);
    const blob = git(d, ['hash-object', '-w', '--stdin'], 'x\n').trim();
    const raw = Buffer.from([0x6e, 0xff, 0xfe, 0x2e, 0x74]); // "n\xff\xfe.t": not UTF-8
    const utf = Buffer.from('n\u00ff\u00fe.t'); // the same characters, as UTF-8
    const entry = (name: Buffer) =>
      Buffer.concat([Buffer.from(`100644 blob ${blob}\t`), name, Buffer.from([0])]);
    const tree = git(d, ['mktree', '-z'], Buffer.concat([entry(raw), entry(utf)])).trim();
    const commit = git(d, ['commit-tree', tree, '-p', 'main', '-m', 'bytes']).trim();
    const [c] = await readAll(`${d}/.git`, `main..${commit}`);
    const paths = (c as CommitRecord).changes
      .filter((x) => x.status === 'A')
      .map((x) => x.path)
      .sort();
    expect(paths).toEqual(['n\\xff\\xfe.t', 'n\u00ff\u00fe.t']);
  });
});
