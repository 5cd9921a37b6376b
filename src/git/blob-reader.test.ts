import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { BlobReader } from './blob-reader.ts';

afterAll(() => cleanupTemp());

test('one cat-file process answers requests as they come, a missing object as undefined', async () => {
  const dir = buildRepo(join(tempDir(), 'r'), [
    { files: { 'a.txt': 'alpha\n', 'b.bin': Buffer.from([0, 1, 2]) } },
  ]);
  const [a, b] = ['a.txt', 'b.bin'].map((p) => git(dir, ['rev-parse', `HEAD:${p}`]).trim()) as [
    string,
    string,
  ];
  const reader = new BlobReader(join(dir, '.git'));
  try {
    expect((await reader.read([a]))[0]?.toString()).toBe('alpha\n');
    const [missing, bin, again] = await reader.read(['0'.repeat(40), b, a]);
    expect(missing).toBeUndefined();
    expect([...(bin ?? [])]).toEqual([0, 1, 2]);
    expect(again?.toString()).toBe('alpha\n');
  } finally {
    reader.close();
  }
  await expect(reader.read([a])).rejects.toThrow();
});
