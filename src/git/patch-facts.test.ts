// History's facts read from the shared log of patches equal those of its own `git log --numstat`:
// every commit, file change, status, path and line count, for the cases where a patch and numstat
// print a file differently (type changes, binary files, pure renames, mode changes, quoted paths).
import { afterAll, describe, expect, test } from 'vitest';
import { ADA, BOB, buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { gitOk, streamGit } from './invoke.ts';
import { type CommitRecord, LOG_ARGS, LogParser } from './log.ts';
import { PatchFactsParser } from './patch-facts.ts';
import { SHARED_LOG_ARGS } from './shared-log.ts';

afterAll(cleanupTemp);

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]);
const text = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i}\n`).join('');

async function numstatFacts(gitDir: string, args: string[] = []): Promise<Map<string, CommitRecord>> {
  const parser = new LogParser();
  const out = new Map<string, CommitRecord>();
  for await (const chunk of streamGit({ gitDir, args: [...LOG_ARGS, ...args, 'HEAD', '--'] }))
    for (const c of parser.push(chunk)) out.set(c.sha, c);
  for (const c of parser.end()) out.set(c.sha, c);
  return out;
}

async function patchFacts(gitDir: string, chunkSize?: number) {
  const parser = new PatchFactsParser();
  const out: CommitRecord[] = [];
  for await (const chunk of streamGit({ gitDir, args: [...SHARED_LOG_ARGS, 'HEAD', '--'] })) {
    const step = chunkSize ?? chunk.length;
    for (let i = 0; i < chunk.length; i += step) out.push(...parser.push(chunk.subarray(i, i + step)));
  }
  out.push(...parser.end());
  return { commits: out, unsure: parser.unsure, skipped: parser.stats.skippedTokens };
}

const sorted = (c: CommitRecord) => ({
  ...c,
  changes: [...c.changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
});

describe('PatchFactsParser', () => {
  const dir = tempDir();
  buildRepo(dir, [
    {
      author: ADA,
      date: '2024-03-01T09:30:00+05:30',
      message: 'first line\nsecond line',
      files: {
        'a b.txt': text(5, 'a'),
        'tab\there.txt': 'x\n',
        'new\nline.txt': 'y\n',
        'quote"d\\.txt': 'q\n',
        'é.txt': 'accent\n',
        'logo.png': PNG,
        'empty.txt': '',
        link: { symlink: 'a b.txt' },
        'becomes-link.txt': 'one\ntwo\n',
        'tool.sh': { executable: '#!/bin/sh\necho hi\n' },
        'big.txt': text(300, 'line'),
      },
    },
    {
      author: BOB,
      committer: ADA,
      date: '2024-03-02T10:00:00-08:00',
      message: 'renames, edits, type and mode changes',
      renames: [
        ['a b.txt', 'dir/renamed "a b".txt'],
        ['logo.png', 'img/logo.png'],
      ],
      files: {
        'tab\there.txt': 'x\ny\nz\n',
        'becomes-link.txt': { symlink: 'tool.sh' },
        link: 'now a file\nwith two lines\n',
        'tool.sh': '#!/bin/sh\necho hi\n', // mode change only
        'empty.txt': null,
        'big.txt': text(300, 'line')
          .replace('line 100\n', 'line 100\ninserted\n\n')
          .replace('line 150\n', 'changed\n'),
      },
    },
    {
      author: ADA,
      message: 'binary edit and delete',
      files: { 'img/logo.png': Buffer.concat([PNG, PNG]), 'é.txt': null },
    },
    { author: BOB, message: 'side', branch: 'side', from: 1, files: { 'side.txt': 's\n' } },
    { author: ADA, message: 'merge side', merge: [3], files: { 'side.txt': 's\n' } },
  ]);
  const gitDir = `${dir}/.git`;

  test('gives the commits and file changes of numstat, once its unsure commits are read again', async () => {
    const expected = await numstatFacts(gitDir);
    const { commits, unsure, skipped } = await patchFacts(gitDir);
    expect(skipped).toBe(0);
    expect(commits.map((c) => c.sha).sort()).toEqual([...expected.keys()].sort());
    const again = await gitOk({
      gitDir,
      args: [...LOG_ARGS, '--no-walk=unsorted', '--stdin'],
      input: `${[...unsure].join('\n')}\n`,
    });
    const parser = new LogParser();
    const recounted = new Map([...parser.push(again), ...parser.end()].map((c) => [c.sha, c]));
    for (const c of commits) {
      const got = recounted.get(c.sha) ?? c;
      expect(sorted(got), c.subject).toEqual(sorted(expected.get(c.sha) as CommitRecord));
    }
  });

  test('counts hunks as numstat counts lines, and adds up the two patches of a type change', async () => {
    const { commits } = await patchFacts(gitDir);
    const second = commits.find((c) => c.subject.startsWith('renames')) as CommitRecord;
    const byPath = new Map(second.changes.map((c) => [c.path, c]));
    expect(byPath.get('dir/renamed "a b".txt')).toMatchObject({
      status: 'R',
      oldPath: 'a b.txt',
      added: 0,
      deleted: 0,
    });
    expect(byPath.get('tab\there.txt')).toMatchObject({ status: 'M', added: 2, deleted: 0 });
    expect(byPath.get('becomes-link.txt')).toMatchObject({ status: 'T', added: 1, deleted: 2 });
    expect(byPath.get('link')).toMatchObject({ status: 'T', added: 2, deleted: 1 });
    expect(byPath.get('empty.txt')).toMatchObject({ status: 'D', added: 0, deleted: 0 });
    expect(byPath.get('big.txt')).toMatchObject({ status: 'M', added: 3, deleted: 1 });
    const third = commits.find((c) => c.subject.startsWith('binary')) as CommitRecord;
    expect(third.changes.find((c) => c.path === 'img/logo.png')).toMatchObject({ added: null, binary: true });
    expect(third.changes.find((c) => c.path === 'é.txt')).toMatchObject({ status: 'D', deleted: 1 });
    expect(commits.find((c) => c.subject === 'merge side')?.changes).toEqual([]);
  });

  test('marks the commits with a file whose content did not change, and only those', async () => {
    const { commits, unsure } = await patchFacts(gitDir);
    const bySubject = new Map(commits.map((c) => [c.subject, c.sha]));
    // The pure renames (text and binary) and the mode change: a patch cannot tell numstat's `-` from 0.
    expect([...unsure]).toEqual([bySubject.get('renames, edits, type and mode changes')]);
  });

  test('gives the same result whatever the chunk boundaries', async () => {
    const whole = await patchFacts(gitDir);
    const tiny = await patchFacts(gitDir, 3);
    expect(tiny.commits).toEqual(whole.commits);
  });

  test('keeps a non-UTF-8 path distinct and lossless, as the -z log does', async () => {
    const d = tempDir();
    buildRepo(d, [{ files: { 'seed.txt': 's\n' } }]);
    const blob = git(d, ['hash-object', '-w', '--stdin'], 'x\n').trim();
    const entry = (name: Buffer) =>
      Buffer.concat([Buffer.from(`100644 blob ${blob}\t`), name, Buffer.from([0])]);
    const raw = Buffer.from([0x6e, 0xff, 0xfe, 0x2e, 0x74]);
    const tree = git(
      d,
      ['mktree', '-z'],
      Buffer.concat([entry(raw), entry(Buffer.from('n\u00ff\u00fe.t'))]),
    ).trim();
    const commit = git(d, ['commit-tree', tree, '-p', 'main', '-m', 'bytes']).trim();
    git(d, ['update-ref', 'refs/heads/main', commit]);
    const expected = await numstatFacts(`${d}/.git`);
    const { commits } = await patchFacts(`${d}/.git`);
    const last = commits[commits.length - 1] as CommitRecord;
    expect(last.changes.map((c) => c.path).sort()).toEqual(['n\\xff\\xfe.t', 'n\u00ff\u00fe.t', 'seed.txt']);
    expect(sorted(last)).toEqual(sorted(expected.get(last.sha) as CommitRecord));
  });
});
