// Following a file to the one `git blame` takes it from when its path is new in a parent: the
// sources are the parent's files that the commit no longer has; contents come from one
// `git cat-file --batch` kept open for the replay, read only when no source is identical. When
// blame's source is not the one the log paired, the two blobs are diffed by git for the hunks
// (one `git diff-tree --stdin` kept open for the replay, blob-diffs.ts).

import { BlobDiffer } from '../../git/blob-diffs.ts';
import type { BlobReader } from '../../git/blob-reader.ts';
import { runGit } from '../../git/invoke.ts';
import { gitVersion, versionAtLeast } from '../../git/version.ts';
import { commitRecords, type FileRecord } from './diff-records.ts';
import { exactSource, type RenameFile, renameSource, type Spans, spans } from './rename-source.ts';

export interface FollowContext {
  gitDir: string;
  blobs: BlobReader;
  /** `git diff` of blob pairs (pairDiffer), started once for the replay. */
  diffs: BlobDiffer;
  /** git counts a last line without a newline in similarity (2.43.2 and later). */
  finalLine: boolean;
  /** Chunk counts of blobs read for earlier commits of the replay (the same blobs come back). */
  spans?: SpansCache;
}

/**
 * Chunk counts by blob id, the least recently used dropped beyond a total of `limit` hashes: a
 * file a merge drops is a rename source again at every later merge of a branch that still has it.
 */
export class SpansCache {
  private readonly byBlob = new Map<string, Spans>();
  private size = 0;
  private readonly limit: number;

  constructor(limit = 4_000_000) {
    this.limit = limit;
  }

  get(blob: string): Spans | undefined {
    const s = this.byBlob.get(blob);
    if (s) {
      this.byBlob.delete(blob); // most recently used last
      this.byBlob.set(blob, s);
    }
    return s;
  }

  set(blob: string, s: Spans): void {
    if (this.byBlob.has(blob)) return;
    this.byBlob.set(blob, s);
    this.size += s.hashes.length + 1;
    for (const [oldest, o] of this.byBlob) {
      if (this.size <= this.limit) break;
      this.byBlob.delete(oldest);
      this.size -= o.hashes.length + 1;
    }
  }
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
    const cache = this.ctx.spans;
    for (const f of [...this.sources, ...inexact]) {
      if (!f.regular || this.counts.has(f.blob)) continue;
      const cached = cache?.get(f.blob);
      if (cached) this.counts.set(f.blob, cached);
      else wanted.add(f.blob);
    }
    const oids = [...wanted];
    if (oids.length === 0) return;
    for (const [i, content] of (await this.ctx.blobs.read(oids)).entries()) {
      if (!content) continue;
      const s = spans(content, this.ctx.finalLine);
      this.counts.set(oids[i] as string, s);
      cache?.set(oids[i] as string, s);
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

/**
 * The diff of blob pairs that `pairHunks` reads, one process for a whole replay. The indent
 * heuristic as the repository sets it: `git blame` and `git log -p` read `diff.indentHeuristic`
 * from its configuration, diff-tree does not.
 */
export async function pairDiffer(gitDir: string): Promise<BlobDiffer> {
  const set = await runGit({ gitDir, args: ['config', '--type=bool', '--get', 'diff.indentHeuristic'] });
  const indent =
    set.code === 0 && set.stdout.toString('utf8').trim() === 'false'
      ? '--no-indent-heuristic'
      : '--indent-heuristic';
  return new BlobDiffer(gitDir, [...PAIR_FLAGS, indent]);
}

/** The hunks turning blob `from` into blob `to`, as blame's diff sees them; undefined when binary. */
export async function pairHunks(
  diffs: BlobDiffer,
  from: string,
  to: string,
): Promise<FileRecord | undefined> {
  const out = await diffs.diff(from, to);
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
