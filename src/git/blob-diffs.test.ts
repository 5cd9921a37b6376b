import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { BlobDiffer } from './blob-diffs.ts';

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

test('each pair gives exactly what `git diff` of the two blobs prints, in the order asked', async () => {
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
    for (const [i, [f, t]] of pairs.entries())
      expect(outs[i]?.equals(gitDiff(blobs[f] as string, blobs[t] as string))).toBe(true);
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
    await expect(differ.diff(missing, blobs.a as string)).rejects.toThrow(/git diff failed/);
    expect(
      (await differ.diff(blobs.a as string, blobs.b as string)).equals(
        gitDiff(blobs.a as string, blobs.b as string),
      ),
    ).toBe(true);
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
