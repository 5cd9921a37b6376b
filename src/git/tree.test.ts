import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { ByteQueue } from './byte-queue.ts';
import { countLines, isBinary, listTree, readBlobs } from './tree.ts';

afterAll(cleanupTemp);

test('ByteQueue returns the same bytes whatever the chunking', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 300 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }),
      (bytes, cuts) => {
        const q = new ByteQueue();
        let pos = 0;
        for (let i = 0; pos < bytes.length; i++) {
          const n = cuts[i % cuts.length] as number;
          q.push(Buffer.from(bytes.subarray(pos, pos + n)));
          pos += n;
        }
        const out: Buffer[] = [];
        let i = 0;
        while (q.length > 0) out.push(q.take(Math.min(q.length, (cuts[i++ % cuts.length] as number) + 1)));
        expect(Buffer.concat(out)).toEqual(Buffer.from(bytes));
      },
    ),
  );
});

test('lists the tree with kinds and sizes, and reads blobs in order, large ones included', async () => {
  const big = 'line\n'.repeat(200_000); // 1 MB: spans many pipe chunks
  const dir = buildRepo(tempDir(), [
    {
      files: {
        'big.txt': big,
        'a.txt': 'a\nb',
        bin: Buffer.from([1, 0, 2]),
        run: { executable: 'x\n' },
        ln: { symlink: 'a.txt' },
      },
    },
  ]);
  const gitDir = `${dir}/.git`;
  const tree = await listTree(gitDir, 'HEAD');
  expect(tree.map((e) => [e.path, e.kind, e.size])).toEqual([
    ['a.txt', 'file', 3],
    ['big.txt', 'file', big.length],
    ['bin', 'file', 3],
    ['ln', 'symlink', 5],
    ['run', 'executable', 2],
  ]);
  const oids = [...tree.map((e) => e.oid), '0'.repeat(40)];
  const blobs = [];
  for await (const b of readBlobs(gitDir, oids)) blobs.push(b);
  expect(blobs.map((b) => ('missing' in b ? 'missing' : b.content.length))).toEqual([
    3,
    big.length,
    3,
    5,
    2,
    'missing',
  ]);
  const first = blobs[0];
  expect(first && 'content' in first ? countLines(first.content) : -1).toBe(2);
  const bin = blobs[2];
  expect(bin && 'content' in bin ? isBinary(bin.content) : false).toBe(true);
  expect(git(dir, ['cat-file', '-p', tree[1]?.oid ?? '']).length).toBe(big.length);
});
