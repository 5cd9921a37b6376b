// `git diff` of many pairs of blobs, one pair at a time, from one small shell kept open: the shell
// starts each git, so the cost of starting a process is that of forking the shell (a few hundred
// kilobytes), not this process (on a large history the scan's process holds gigabytes, and the
// kernel copies its page tables on every fork: 14 ms a pair against 2 ms). The shell and each git
// it starts run under the same kernel limits, process group, environment and hardening flags as
// any git of the scan (invoke.ts).
//
// After each pair the shell prints a newline, byte 0x01 and git's exit code. A line of `git diff`
// output never starts with 0x01 (every line of a patch starts with a header word, a space, `+`,
// `-`, `@` or `\`), so the first "\n\x01" after a pair's output is its end.
import { budgetExceeded } from './budget.ts';
import { type GitProcess, gitFailure, spawnGit } from './invoke.ts';

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

const LOOP = 'while read -r a b; do "$@" "$a" "$b" --; printf \'\\n\\001%d\\n\' "$?"; done';

interface Waiting {
  resolve: (out: Buffer) => void;
  reject: (e: Error) => void;
}

export class BlobDiffer {
  private readonly gitDir: string;
  private readonly flags: readonly string[];
  private git: GitProcess | null = null;
  private readonly waiting: Waiting[] = [];
  /** Output of the pair being read, and whether its last byte so far is a newline. */
  private chunks: Buffer[] = [];
  private atLineStart = false;
  /** Digits of the exit code after the marker; null while reading a pair's output. */
  private code: string | null = null;
  private stderrSeen = 0;
  private ended: Error | null = null;

  /** `flags`: options of `git diff` given before each pair (the format the caller parses). */
  constructor(gitDir: string, flags: readonly string[]) {
    this.gitDir = gitDir;
    this.flags = flags;
  }

  /** The output of `git diff <flags> <from> <to> --`; rejects with git's error when it fails. */
  diff(from: string, to: string): Promise<Buffer> {
    if (this.ended) return Promise.reject(this.ended);
    if (!OBJECT_ID.test(from) || !OBJECT_ID.test(to))
      return Promise.reject(new Error(`not an object id: ${OBJECT_ID.test(from) ? to : from}`));
    const git = this.started();
    const out = new Promise<Buffer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    git.stdin.write(`${from} ${to}\n`);
    return out;
  }

  close(): void {
    this.end(new Error('blob differ closed'));
    if (this.git) {
      this.git.stdin.end();
      this.git.kill();
    }
  }

  private started(): GitProcess {
    if (this.git) return this.git;
    const git = spawnGit(
      { gitDir: this.gitDir, args: ['diff', ...this.flags] },
      { openStdin: true, command: (argv) => ['sh', '-c', LOOP, 'cto-blob-diffs', ...argv] },
    );
    this.git = git;
    git.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    git.exited.then(
      (exit) =>
        this.end(
          exit.exceeded
            ? budgetExceeded('diff', exit.exceeded, git.budget)
            : new Error(`the shell running git diff ended (exit ${exit.code ?? exit.signal})`),
        ),
      (e: Error) => this.end(e),
    );
    return git;
  }

  private read(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.code !== null) {
        const nl = chunk.indexOf(0x0a, at);
        this.code += chunk.toString('latin1', at, nl < 0 ? chunk.length : nl);
        if (nl < 0) return;
        at = nl + 1;
        this.settle(Number(this.code));
        continue;
      }
      const marker = this.markerIn(chunk, at);
      if (marker < 0) {
        this.chunks.push(at === 0 ? chunk : chunk.subarray(at));
        this.atLineStart = chunk[chunk.length - 1] === 0x0a;
        return;
      }
      if (marker > at) this.chunks.push(chunk.subarray(at, marker));
      this.code = '';
      at = marker + 1;
    }
  }

  /** Where 0x01 starts a line in `chunk` from `at`, or -1. */
  private markerIn(chunk: Buffer, at: number): number {
    for (let i = chunk.indexOf(0x01, at); i >= 0; i = chunk.indexOf(0x01, i + 1)) {
      if (i > at ? chunk[i - 1] === 0x0a : this.atLineStart) return i;
    }
    return -1;
  }

  private settle(code: number): void {
    const all = Buffer.concat(this.chunks);
    this.chunks = [];
    this.code = null;
    this.atLineStart = false;
    const out = all.subarray(0, Math.max(0, all.length - 1)); // the newline printed before the marker
    const w = this.waiting.shift();
    if (!w) return;
    if (code === 0) {
      w.resolve(Buffer.from(out));
      return;
    }
    const stderr = this.git?.stderrText().slice(this.stderrSeen) ?? '';
    this.stderrSeen += stderr.length;
    w.reject(gitFailure({ gitDir: this.gitDir, args: ['diff'] }, { code, stderr }));
  }

  private end(e: Error): void {
    this.ended ??= e;
    for (const w of this.waiting.splice(0)) w.reject(this.ended);
  }
}
