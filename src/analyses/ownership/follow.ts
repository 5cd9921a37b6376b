// Following a file to the one `git blame` takes it from when its path is new in a parent: the
// sources are the parent's files that the commit no longer has; contents come from one
// `git cat-file --batch` kept open for the replay, read only when no source is identical. When
// blame's source is not the one the log paired, the two blobs are diffed by git for the hunks.

import type { BlobReader } from '../../git/blob-reader.ts';
import { gitOk } from '../../git/invoke.ts';
import { gitVersion, versionAtLeast } from '../../git/version.ts';
import { commitRecords, type FileRecord } from './diff-records.ts';
import { exactSource, type RenameFile, renameSource, type Spans, spans } from './rename-source.ts';

export interface FollowContext {
  gitDir: string;
  blobs: BlobReader;
  /** git counts a last line without a newline in similarity (2.43.2 and later). */
  finalLine: boolean;
}

/** The sources of one parent and the chunk counts of the blobs that need them. */
export class RenameFinder {
  private readonly counts = new Map<string, Spans>();
  private readonly ctx: FollowContext;
  private readonly sources: RenameFile[];

  constructor(ctx: FollowContext, sources: RenameFile[]) {
    this.ctx = ctx;
    this.sources = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  get empty(): boolean {
    return this.sources.length === 0;
  }

  /** Reads what `find` needs for these destinations: nothing when each has an identical source. */
  async prepare(dests: readonly RenameFile[]): Promise<void> {
    const inexact = dests.filter(
      (d) => d.regular && !exactSource(d, this.sources) && !this.counts.has(d.blob),
    );
    if (inexact.length === 0 || this.sources.length === 0) return;
    const wanted = new Set<string>();
    for (const f of [...this.sources, ...inexact])
      if (f.regular && !this.counts.has(f.blob)) wanted.add(f.blob);
    const oids = [...wanted];
    for (const [i, content] of (await this.ctx.blobs.read(oids)).entries()) {
      if (content) this.counts.set(oids[i] as string, spans(content, this.ctx.finalLine));
    }
  }

  find(dst: RenameFile): RenameFile | undefined {
    if (this.sources.length === 0) return undefined;
    return renameSource(dst, this.sources, (blob) => this.counts.get(blob));
  }
}

const PAIR_FLAGS = [
  '-U0',
  '--inter-hunk-context=0',
  '--full-index',
  '--no-textconv',
  '--no-ext-diff',
  '--no-color',
  '--no-relative',
  '--diff-algorithm=myers',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** The hunks turning blob `from` into blob `to`, as blame's diff sees them; undefined when binary. */
export async function pairHunks(gitDir: string, from: string, to: string): Promise<FileRecord | undefined> {
  const out = await gitOk({ gitDir, args: ['diff', ...PAIR_FLAGS, from, to, '--'] });
  // A record header (RECORD_FORMAT) in front, so the log parser reads the one file diff.
  for await (const c of commitRecords(chunks(Buffer.from('\x01C pair\n'), out))) {
    const f = c.files[0];
    return f && !f.binary ? f : undefined;
  }
  return undefined;
}

async function* chunks(...parts: Buffer[]): AsyncGenerator<Buffer> {
  yield* parts;
}

/** git 2.43.2 and later count a last line without a newline when estimating similarity. */
export async function countsFinalLine(gitDir: string): Promise<boolean> {
  return versionAtLeast(await gitVersion(gitDir), [2, 43, 2]);
}
