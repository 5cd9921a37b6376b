// Reading the committed tree: `ls-tree` for the file list, `cat-file --batch` for contents.

import { budgetExceeded, currentGitBudget } from './budget.ts';
import { ByteQueue } from './byte-queue.ts';
import { spawnGit, streamGit } from './invoke.ts';
import { decodeGitBytes } from './paths.ts';

export type FileKind = 'file' | 'executable' | 'symlink' | 'submodule';

export interface TreeEntry {
  path: string;
  mode: string;
  kind: FileKind;
  /** Blob id, or the commit id of a submodule. */
  oid: string;
  /** Size in bytes; null for submodules and missing objects. */
  size: number | null;
}

const KIND_BY_MODE: Record<string, FileKind> = {
  '100644': 'file',
  '100664': 'file',
  '100755': 'executable',
  '120000': 'symlink',
  '160000': 'submodule',
};

/**
 * The entries of `commit`'s tree, streamed from `git ls-tree`. A tree of more than `maxEntries`
 * entries (default: the budget's) is refused with TREE_TOO_LARGE as soon as git has listed one
 * entry too many: git is stopped, the rest is never read.
 */
export async function listTree(
  gitDir: string,
  commit: string,
  maxEntries = currentGitBudget().treeEntries,
): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of streamGit({
    gitDir,
    args: ['ls-tree', '-r', '-l', '-z', '--full-tree', commit],
  })) {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    const last = buf.lastIndexOf(0);
    parseLsTreeInto(buf, last + 1, entries);
    rest = Buffer.from(buf.subarray(last + 1));
    if (entries.length > maxEntries) {
      throw budgetExceeded('ls-tree', 'tree', { ...currentGitBudget(), treeEntries: maxEntries });
    }
  }
  parseLsTreeInto(rest, rest.length, entries);
  return entries;
}

/** Parse the NUL-terminated records of `out` before `limit` into `entries`. */
function parseLsTreeInto(out: Buffer, limit: number, entries: TreeEntry[]): void {
  let pos = 0;
  while (pos < limit) {
    const nul = out.indexOf(0, pos);
    const end = nul < 0 || nul > limit ? limit : nul;
    const tab = out.indexOf(0x09, pos);
    if (tab < 0 || tab > end) break;
    const [mode = '', , oid = '', size = '-'] = out.toString('latin1', pos, tab).split(/ +/);
    const kind = KIND_BY_MODE[mode];
    if (kind) {
      entries.push({
        path: decodeGitBytes(out, tab + 1, end),
        mode,
        kind,
        oid,
        // `-` for submodules, `BAD` when the object is missing.
        size: /^\d+$/.test(size) ? Number(size) : null,
      });
    }
    pos = end + 1;
  }
}

type BlobResult = { oid: string; content: Buffer } | { oid: string; missing: true };

/**
 * Read blobs through one `git cat-file --batch` process. Yields results in request order.
 * A missing or corrupt object is reported, not thrown, so one bad blob does not stop a scan.
 */
export async function* readBlobs(gitDir: string, oids: readonly string[]): AsyncGenerator<BlobResult> {
  if (oids.length === 0) return;
  const git = spawnGit({ gitDir, args: ['cat-file', '--batch'], input: `${oids.join('\n')}\n` });
  git.exited.catch(() => {}); // a start failure ends stdout; it is thrown below
  const queue = new ByteQueue();
  let next = 0;
  let header: string[] | null = null;
  try {
    for await (const chunk of git.stdout as AsyncIterable<Buffer>) {
      queue.push(chunk);
      for (;;) {
        if (!header) {
          const nl = queue.indexOf(0x0a);
          if (nl < 0) break;
          header = queue
            .take(nl + 1)
            .toString('latin1', 0, nl)
            .split(' ');
          if (header[1] === 'missing' || header.length < 3) {
            yield { oid: oids[next++] ?? header[0] ?? '', missing: true };
            header = null;
            continue;
          }
        }
        const size = Number(header[2]);
        if (queue.length < size + 1) break;
        // Copy out: the chunk behind a view would otherwise stay alive as long as the content.
        const content = Buffer.from(queue.take(size + 1).subarray(0, size));
        yield { oid: oids[next++] ?? header[0] ?? '', content };
        header = null;
      }
    }
    const exit = await git.exited;
    if (exit.exceeded) throw budgetExceeded('cat-file', exit.exceeded, git.budget);
  } finally {
    git.kill();
  }
  // git stopped early (corrupt object): the rest is unreadable.
  while (next < oids.length) yield { oid: oids[next++] as string, missing: true };
}

/** Binary as git decides: a NUL byte in the first 8000 bytes. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/** Lines as `wc -l` would count them, plus a last line without a newline. */
export function countLines(content: Buffer): number {
  if (content.length === 0) return 0;
  let n = 0;
  let pos = content.indexOf(0x0a);
  while (pos >= 0) {
    n++;
    pos = content.indexOf(0x0a, pos + 1);
  }
  return content[content.length - 1] === 0x0a ? n : n + 1;
}
