// Reading the committed tree: `ls-tree` for the file list, `cat-file --batch` for contents.

import { ByteQueue } from './byte-queue.ts';
import { gitOk, spawnGit } from './invoke.ts';
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

export async function listTree(gitDir: string, commit: string): Promise<TreeEntry[]> {
  const out = await gitOk({ gitDir, args: ['ls-tree', '-r', '-l', '-z', '--full-tree', commit] });
  return parseLsTree(out);
}

export function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let pos = 0;
  while (pos < out.length) {
    const nul = out.indexOf(0, pos);
    const end = nul < 0 ? out.length : nul;
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
  return entries;
}

export type BlobResult = { oid: string; content: Buffer } | { oid: string; missing: true };

/**
 * Read blobs through one `git cat-file --batch` process. Yields results in request order.
 * A missing or corrupt object is reported, not thrown, so one bad blob does not stop a scan.
 */
export async function* readBlobs(gitDir: string, oids: readonly string[]): AsyncGenerator<BlobResult> {
  if (oids.length === 0) return;
  const child = spawnGit({ gitDir, args: ['cat-file', '--batch'], input: `${oids.join('\n')}\n` });
  child.stdin?.on('error', () => {}); // git may exit early on a corrupt pack
  const queue = new ByteQueue();
  let next = 0;
  let header: string[] | null = null;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
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
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
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
