import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { listTree, readBlobs } from '../../git/tree.ts';
import type { TreeFile } from '../../store/code.ts';
import { countLines } from './count.ts';
import { measureFiles } from './measure.ts';

afterAll(cleanupTemp);

/** The tree as the scan's tree stage records it (binary flag from content; `huge` left unread). */
async function treeFiles(gitDir: string, commit: string, huge: string[] = []): Promise<TreeFile[]> {
  const entries = (await listTree(gitDir, commit)).filter((e) => e.kind === 'file');
  const binary = new Map<string, number>();
  for await (const b of readBlobs(
    gitDir,
    entries.map((e) => e.oid),
  ))
    if ('content' in b) binary.set(b.oid, b.content.subarray(0, 8000).includes(0) ? 1 : 0);
  return entries.map((e) => ({
    path: e.path,
    blobId: e.oid,
    size: e.size,
    isBinary: huge.includes(e.path) ? null : (binary.get(e.oid) ?? null),
  }));
}

describe('measureFiles', () => {
  it('reuses rows for unchanged path and blob, reads changed blobs, and reads all again when .gitattributes changes', async () => {
    const dir = buildRepo(tempDir(), [
      { files: { 'a.c': 'int a;\n', 'b.c': '// b\nint b;\n', 'big.c': 'int x;\n' } },
      { files: { 'a.c': 'int a;\nint c;\n' } },
      { files: { '.gitattributes': '*.c linguist-vendored\n' } },
    ]);
    const gitDir = `${dir}/.git`;
    const first = await measureFiles(gitDir, await treeFiles(gitDir, 'HEAD~2', ['big.c']), []);
    expect(first.rows.find((r) => r.path === 'big.c')).toMatchObject({ language: 'C', measured: 0, code: 0 });
    // A marker only the previous rows carry shows which rows were reused rather than read.
    const previous = first.rows.map((r) => (r.path === 'b.c' ? { ...r, blank: 42 } : r));
    const second = await measureFiles(gitDir, await treeFiles(gitDir, 'HEAD~1'), previous);
    expect(second.reused).toBe(1);
    expect(second.read).toBe(2);
    const by = new Map(second.rows.map((r) => [r.path, r]));
    expect(by.get('b.c')?.blank).toBe(42);
    expect(by.get('a.c')).toMatchObject({ code: countLines('int a;\nint c;\n', 'C').code, category: 'code' });
    const third = await measureFiles(gitDir, await treeFiles(gitDir, 'HEAD'), second.rows);
    expect(third.reused).toBe(0);
    expect(third.rows.find((r) => r.path === 'b.c')).toMatchObject({
      category: 'vendored',
      blank: 0,
      detectable: 0,
    });
  });
});
