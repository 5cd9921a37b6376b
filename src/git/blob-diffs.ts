// The diff of many pairs of blobs from one `git diff-tree --stdin` kept open. A git process per pair
// costs about 11 ms to start, far more than the diff of two versions of a file; diff-tree reads pairs
// of trees from its input and diffs each in the same process, under a millisecond a pair. Each blob
// is given a tree of its own, one entry `f` naming it, written by this module as a loose object
// into a temporary object folder (0700, removed on close) that git reads first, with the
// repository's objects behind it as an alternate: nothing is written to the repository. The hunks
// are those `git diff <from> <to>` prints (the same diff machinery, the same options); the headers
// name the path `f`, not the two blob ids.
//
// After each pair a line holding byte 0x01 is written: diff-tree echoes a line that is not an object
// id and flushes its output, so the first "\x01\n" at the start of a line after a pair's output is its
// end (a line of a patch never starts with 0x01). A pair git cannot diff (a missing object) ends
// git: that pair fails with git's error and the pairs after it go to a new process.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { budgetExceeded } from './budget.ts';
import { type GitProcess, gitCwd, gitFailure, gitOk, spawnGit } from './invoke.ts';
import { makeTempFolder } from './temp-folder.ts';

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const MARKER = '\x01\n';

interface Pair {
  trees: string;
  /** Written to git's input, its trees being on disk: the pairs sent are the first ones pending. */
  sent: boolean;
  resolve: (out: Buffer) => void;
  reject: (e: Error) => void;
}

interface WrittenTree {
  id: string;
  /** Settles once the object is on disk (written in the background: creating a file costs). */
  written: Promise<void>;
}

export class BlobDiffer {
  private readonly gitDir: string;
  private readonly flags: readonly string[];
  private git: GitProcess | null = null;
  /** Pairs written to the running git (or to be written to the next), oldest first. */
  private readonly pending: Pair[] = [];
  private starting: Promise<void> | null = null;
  private ended: Error | null = null;
  private scratch: { dir: string; objects: string; repository: Promise<string> } | null = null;
  /** Blob id → the one-entry tree written for it. */
  private readonly trees = new Map<string, WrittenTree>();
  /** The object folders made (`objects/ab`), each once. */
  private readonly folders = new Map<string, Promise<void>>();
  /** The pairs are sent in the order asked, each once its trees are written. */
  private sending: Promise<void> = Promise.resolve();

  /** `flags`: options of the diff given to diff-tree (the patch format the caller parses). */
  constructor(gitDir: string, flags: readonly string[]) {
    this.gitDir = gitDir;
    this.flags = flags;
  }

  /** The patch turning blob `from` into blob `to`; rejects with git's error when git cannot diff them. */
  diff(from: string, to: string): Promise<Buffer> {
    if (this.ended) return Promise.reject(this.ended);
    if (!OBJECT_ID.test(from) || !OBJECT_ID.test(to))
      return Promise.reject(new Error(`not an object id: ${OBJECT_ID.test(from) ? to : from}`));
    const a = this.treeOf(from);
    const b = this.treeOf(to);
    let settle: Pick<Pair, 'resolve' | 'reject'> | undefined;
    const out = new Promise<Buffer>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const pair: Pair = {
      trees: `${a.id} ${b.id}\n`,
      sent: false,
      ...(settle as Pick<Pair, 'resolve' | 'reject'>),
    };
    this.pending.push(pair);
    this.sending = this.sending
      .then(() => Promise.all([a.written, b.written]))
      .then(
        () => this.send(pair),
        (e: Error) => this.end(e),
      );
    return out;
  }

  private send(pair: Pair): void {
    if (this.ended) return;
    pair.sent = true;
    if (this.git) this.git.stdin.write(pair.trees + MARKER);
    else this.start();
  }

  close(): void {
    this.end(new Error('blob differ closed'));
    if (this.git) {
      this.git.stdin.end();
      this.git.kill();
      this.git = null;
    }
    if (this.scratch) rmSync(this.scratch.dir, { recursive: true, force: true });
    this.scratch = null;
  }

  /** The tree holding blob `blob` as its one file `f`, written once into the scratch object folder. */
  private treeOf(blob: string): WrittenTree {
    const known = this.trees.get(blob);
    if (known) return known;
    const scratch = this.scratchFolder();
    const content = Buffer.concat([Buffer.from('100644 f\0'), Buffer.from(blob, 'hex')]);
    const object = Buffer.concat([Buffer.from(`tree ${content.length}\0`), content]);
    const id = createHash(blob.length === 40 ? 'sha1' : 'sha256')
      .update(object)
      .digest('hex');
    const folder = join(scratch.objects, id.slice(0, 2));
    let made = this.folders.get(folder);
    if (!made) {
      // Not recursive, nor the file below: once `close` has removed the folder, nothing makes it again.
      made = mkdir(folder, { mode: 0o700 }).then(
        () => {},
        (e: NodeJS.ErrnoException) => {
          if (e.code !== 'EEXIST') throw e;
        },
      );
      this.folders.set(folder, made);
    }
    const written = made.then(() =>
      writeFile(join(folder, id.slice(2)), deflateSync(object), { mode: 0o400, flag: 'wx' }),
    );
    written.catch(() => {}); // awaited where the pair is sent
    const tree = { id, written };
    this.trees.set(blob, tree);
    return tree;
  }

  private scratchFolder(): NonNullable<BlobDiffer['scratch']> {
    if (this.scratch) return this.scratch;
    const dir = makeTempFolder('cto-pairs-');
    const objects = join(dir, 'objects');
    mkdirSync(objects, { mode: 0o700 });
    // The repository's object folder, as git resolves it (a linked worktree's is its common one).
    const repository = gitOk({
      gitDir: this.gitDir,
      args: ['rev-parse', '--git-path', 'objects'],
    }).then((out) => resolve(gitCwd(this.gitDir), out.toString('utf8').trim()));
    repository.catch(() => {}); // awaited where git starts
    this.scratch = { dir, objects, repository };
    return this.scratch;
  }

  /** Start git once the repository's object folder is known; it is given every pair not yet answered. */
  private start(): void {
    this.starting ??= this.spawn()
      .catch((e: Error) => this.end(e))
      .finally(() => {
        this.starting = null;
      });
  }

  private async spawn(): Promise<void> {
    const repository = await this.scratchFolder().repository;
    if (this.ended || this.git) return;
    const objects = this.scratchFolder().objects;
    const git = spawnGit(
      {
        gitDir: this.gitDir,
        args: ['diff-tree', '--stdin', '-p', ...this.flags],
        objects: { directory: objects, alternate: repository },
      },
      { openStdin: true },
    );
    this.git = git;
    const outputs = new MarkerSplitter();
    const stdoutEnded = new Promise<void>((resolve) => git.stdout.on('end', resolve));
    git.stdout.on('data', (chunk: Buffer) => {
      for (const out of outputs.push(chunk)) this.settle(out);
    });
    Promise.all([git.exited, stdoutEnded]).then(
      ([exit]) =>
        this.exited(
          git,
          exit.code,
          exit.exceeded ? budgetExceeded('diff-tree', exit.exceeded, git.budget) : null,
        ),
      (e: Error) => this.end(e),
    );
    // Every pair sent and not yet answered, in order: those sent while git started, and those a failed git left.
    git.stdin.write(
      this.pending
        .filter((p) => p.sent)
        .map((p) => p.trees + MARKER)
        .join(''),
    );
  }

  /** A pair's output: diff-tree first echoes the pair of trees, the patch follows that line. */
  private settle(all: Buffer): void {
    const nl = all.indexOf(0x0a);
    this.pending.shift()?.resolve(nl < 0 ? Buffer.alloc(0) : all.subarray(nl + 1));
  }

  /** git ended: a pair it could not diff fails with its error, and the pairs after it get a new git. */
  private exited(git: GitProcess, code: number | null, exceeded: Error | null): void {
    if (this.git !== git) return;
    this.git = null;
    if (this.ended) return;
    if (exceeded) {
      this.end(exceeded);
      return;
    }
    const failed = this.pending.shift();
    const error =
      code === 0
        ? new Error('git diff-tree ended before its input')
        : gitFailure(
            { gitDir: this.gitDir, args: ['diff-tree'] },
            { code: code ?? 128, stderr: git.stderrText() },
          );
    if (!failed) return;
    failed.reject(error);
    if (this.pending.length > 0) this.start();
  }

  private end(e: Error): void {
    this.ended ??= e;
    for (const p of this.pending.splice(0)) p.reject(this.ended);
  }
}

/** Splits a stream into the outputs ended by each marker line ("\x01\n" at the start of a line). */
export class MarkerSplitter {
  /** The output being read, and whether its last byte so far is a newline. */
  private chunks: Buffer[] = [];
  private atLineStart = true;
  /** The last chunk ended with 0x01 at the start of a line: a marker if the next chunk starts with a newline. */
  private held = false;

  /** The outputs `chunk` completes, in order (each a copy, without its marker). */
  push(chunk: Buffer): Buffer[] {
    const done: Buffer[] = [];
    let at = 0;
    if (this.held) {
      this.held = false;
      if (chunk[0] === 0x0a) {
        done.push(this.take());
        at = 1;
        this.atLineStart = true;
      } else {
        this.chunks.push(Buffer.from([0x01]));
        this.atLineStart = false;
      }
    }
    let from = at;
    while (at < chunk.length) {
      const i = chunk.indexOf(0x01, from);
      if (i < 0) break;
      from = i + 1;
      if (!(i > at ? chunk[i - 1] === 0x0a : this.atLineStart)) continue;
      if (i + 1 === chunk.length) {
        if (i > at) this.chunks.push(chunk.subarray(at, i));
        this.held = true; // the marker's newline, if it is one, comes with the next chunk
        return done;
      }
      if (chunk[i + 1] !== 0x0a) continue;
      if (i > at) this.chunks.push(chunk.subarray(at, i));
      done.push(this.take());
      at = i + 2;
      from = at;
      this.atLineStart = true;
    }
    if (at < chunk.length) {
      this.chunks.push(chunk.subarray(at));
      this.atLineStart = chunk[chunk.length - 1] === 0x0a;
    }
    return done;
  }

  private take(): Buffer {
    const out = Buffer.concat(this.chunks);
    this.chunks = [];
    return out;
  }
}
