// One `git cat-file --batch` kept open for blobs asked for one request at a time, so a caller that
// needs a few blobs at many points (the ownership replay, commit after commit) starts git once.
import { budgetExceeded } from './budget.ts';
import { ByteQueue } from './byte-queue.ts';
import { type GitProcess, gitFailure, spawnGit } from './invoke.ts';

export class BlobReader {
  private readonly git: GitProcess;
  private readonly queue = new ByteQueue();
  private readonly waiting: Array<{ resolve: (b: Buffer | undefined) => void; reject: (e: Error) => void }> =
    [];
  private header: string[] | null = null;
  private ended: Error | null = null;

  constructor(gitDir: string) {
    this.git = spawnGit({ gitDir, args: ['cat-file', '--batch'] }, { openStdin: true });
    this.git.stdout.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      this.drain();
    });
    this.git.exited.then(
      (exit) =>
        this.end(
          exit.exceeded
            ? budgetExceeded('cat-file', exit.exceeded, this.git.budget)
            : gitFailure({ gitDir, args: ['cat-file'] }, { code: exit.code ?? 128, stderr: exit.stderr }),
        ),
      (e: Error) => this.end(e),
    );
  }

  /** The contents of the blobs, in order; undefined for a missing object. */
  read(oids: readonly string[]): Promise<Array<Buffer | undefined>> {
    if (this.ended) return Promise.reject(this.ended);
    const out = oids.map(
      (_) => new Promise<Buffer | undefined>((resolve, reject) => this.waiting.push({ resolve, reject })),
    );
    if (oids.length > 0) this.git.stdin.write(`${oids.join('\n')}\n`);
    return Promise.all(out);
  }

  close(): void {
    this.end(new Error('blob reader closed'));
    this.git.stdin.end();
    this.git.kill();
  }

  private drain(): void {
    for (;;) {
      if (!this.header) {
        const nl = this.queue.indexOf(0x0a);
        if (nl < 0) return;
        this.header = this.queue
          .take(nl + 1)
          .toString('latin1', 0, nl)
          .split(' ');
        if (this.header[1] === 'missing' || this.header.length < 3) {
          this.header = null;
          this.waiting.shift()?.resolve(undefined);
          continue;
        }
      }
      const size = Number(this.header[2]);
      if (this.queue.length < size + 1) return;
      // Copy out: the chunk behind a view would otherwise stay alive as long as the content.
      const content = Buffer.from(this.queue.take(size + 1).subarray(0, size));
      this.header = null;
      this.waiting.shift()?.resolve(content);
    }
  }

  private end(e: Error): void {
    this.ended ??= e;
    for (const w of this.waiting.splice(0)) w.reject(this.ended);
  }
}
