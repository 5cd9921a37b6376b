import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { BlobDiffer, MarkerSplitter } from './blob-diffs.ts';

afterAll(cleanupTemp);

const FLAGS = ['-U0', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv'];
let gitDir = '';
const blobs: Record<string, string> = {};

beforeAll(() => {
  const dir = tempDir();
  // Contents that could confuse the end-of-pair marker: a line starting with 0x01, no last
  // newline, an empty file, a binary file.
  const versions: Record<string, string | Buffer> = {
    a: 'one\ntwo\nthree\n',
    b: 'one\n\x01two\nthree\nfour',
    empty: '',
    bin: Buffer.from([0, 1, 2, 0x0a, 0x01, 0x0a, 0]),
    bin2: Buffer.from([0, 1, 3, 0x0a, 0x01]),
  };
  gitDir = buildRepo(dir, [{ author: ADA, files: versions }], { bare: true });
  for (const name of Object.keys(versions))
    blobs[name] = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', `HEAD:${name}`], {
      encoding: 'utf8',
    }).trim();
});

const gitDiff = (from: string, to: string) =>
  execFileSync('git', ['--git-dir', gitDir, 'diff', ...FLAGS, from, to, '--']);

/** A patch from its first hunk (or binary notice) on: the headers name the paths, which differ. */
const body = (patch: Buffer) => {
  const text = patch.toString('latin1');
  const at = text.search(/^(@@|Binary files)/m);
  return at < 0 ? '' : text.slice(at).replace(/^Binary files .*$/m, 'Binary files differ');
};

/** Every loose object and pack of a git directory. */
const objectFiles = (dir: string) =>
  readdirSync(join(dir, 'objects'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();

test('each pair gives the hunks `git diff` of the two blobs prints, in the order asked', async () => {
  const differ = new BlobDiffer(gitDir, FLAGS);
  try {
    const pairs: Array<[string, string]> = [
      ['a', 'b'],
      ['b', 'a'],
      ['a', 'a'], // nothing
      ['empty', 'b'],
      ['b', 'empty'],
      ['bin', 'bin2'],
      ['a', 'b'],
    ];
    // Asked all at once: the answers come back to their own pair.
    const outs = await Promise.all(
      pairs.map(([f, t]) => differ.diff(blobs[f] as string, blobs[t] as string)),
    );
    for (const [i, [f, t]] of pairs.entries()) {
      const expected = gitDiff(blobs[f] as string, blobs[t] as string);
      expect(body(outs[i] as Buffer)).toBe(body(expected));
      if (expected.length > 0) expect(outs[i]?.toString()).toMatch(/^diff --git a\/f b\/f\n/);
    }
    expect(outs[2]).toHaveLength(0);
    expect(outs[0]?.toString()).toContain('+\x01two');
    expect(outs[5]?.toString()).toMatch(/^Binary files/m);
  } finally {
    differ.close();
  }
});

test("a pair git cannot diff fails with git's error; the next pairs still work", async () => {
  const differ = new BlobDiffer(gitDir, FLAGS);
  try {
    const missing = 'f'.repeat(40);
    await expect(differ.diff(missing, blobs.a as string)).rejects.toMatchObject({ code: 'GIT_FAILED' });
    // Asked together: the failing pair ends its git; the pairs after it get the next one.
    const after = differ.diff(blobs.a as string, blobs.b as string);
    const failing = differ.diff(blobs.b as string, missing);
    const last = differ.diff(blobs.b as string, blobs.a as string);
    expect(body(await after)).toBe(body(gitDiff(blobs.a as string, blobs.b as string)));
    await expect(failing).rejects.toThrow(/git diff-tree failed/);
    expect(body(await last)).toBe(body(gitDiff(blobs.b as string, blobs.a as string)));
  } finally {
    differ.close();
  }
});

test('only object ids reach the shell; a closed differ refuses', async () => {
  const differ = new BlobDiffer(gitDir, FLAGS);
  await expect(differ.diff('HEAD', blobs.a as string)).rejects.toThrow(/not an object id: HEAD/);
  await expect(differ.diff(blobs.a as string, `${blobs.b} --output=${join(gitDir, 'x')}`)).rejects.toThrow(
    /not an object id/,
  );
  const pending = differ.diff(blobs.a as string, blobs.b as string);
  differ.close();
  await expect(pending).rejects.toThrow(/closed/);
  await expect(differ.diff(blobs.a as string, blobs.b as string)).rejects.toThrow(/closed/);
});

test('the trees of the pairs go to a folder of their own: the repository gets no object; close removes the folder', async () => {
  const before = objectFiles(gitDir);
  const folders = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('cto-pairs-')));
  const existing = folders();
  const differ = new BlobDiffer(gitDir, FLAGS);
  await differ.diff(blobs.a as string, blobs.b as string);
  await differ.diff(blobs.empty as string, blobs.b as string);
  const made = [...folders()].filter((n) => !existing.has(n));
  expect(made).toHaveLength(1);
  // One tree per blob (a, b, empty), each a loose object under objects/.
  const trees = readdirSync(join(tmpdir(), made[0] as string, 'objects'), {
    recursive: true,
    withFileTypes: true,
  });
  expect(trees.filter((e) => e.isFile())).toHaveLength(3);
  differ.close();
  expect(folders().has(made[0] as string)).toBe(false);
  expect(objectFiles(gitDir)).toEqual(before);
});

test('outputs split at marker lines only, wherever the chunks break', () => {
  const stream = Buffer.from('one\n\x01two\n\x01\n\x01\nthree\x01\n\x01\n');
  const expected = ['one\n\x01two\n', '', 'three\x01\n'];
  for (let cut = 0; cut <= stream.length; cut++)
    for (let cut2 = cut; cut2 <= stream.length; cut2++) {
      const splitter = new MarkerSplitter();
      const outs = [stream.subarray(0, cut), stream.subarray(cut, cut2), stream.subarray(cut2)].flatMap(
        (c) => (c.length > 0 ? splitter.push(c) : []),
      );
      expect(outs.map((o) => o.toString('latin1'))).toEqual(expected);
    }
});

test("a linked worktree's .git file, and paths with a colon and a quote, reach the repository's objects", async () => {
  const dir = join(tempDir(), 'co:py"1');
  const main = buildRepo(dir, [
    { author: ADA, files: { x: 'one\n' } },
    { author: ADA, files: { x: 'one\ntwo\n' } },
  ]);
  const worktree = join(dir, '..', 'wt:2');
  execFileSync('git', ['-C', main, 'worktree', 'add', '-q', worktree, 'HEAD~1']);
  const a = execFileSync('git', ['-C', main, 'rev-parse', 'HEAD~1:x']).toString().trim();
  const b = execFileSync('git', ['-C', main, 'rev-parse', 'HEAD:x']).toString().trim();
  const differ = new BlobDiffer(join(worktree, '.git'), FLAGS);
  try {
    expect(body(await differ.diff(a, b))).toMatch(/^@@ -1,0 \+2 @@.*\n\+two\n$/);
  } finally {
    differ.close();
  }
});
