// The history stage's facts read from the shared log (shared-log.ts) instead of its own
// `git log --raw --numstat`: the same commits, the same file changes from the same `--raw` lines, and
// each file's added and deleted lines counted from its hunk headers. At -U0 with the same diff
// algorithm a hunk `@@ -a,b +c,d @@` is b deleted and d added lines, exactly what numstat counts;
// a file git calls binary has a `Binary files` line instead of hunks, and numstat's `-`. A type change
// (`T`: file to symlink) is one raw line and two patches (a deletion and an addition of the path),
// whose counts add up. A file whose content did not change has neither: see `unsure`. The output has
// the CommitRecord shape LogParser (log.ts) gives.
import { type ChangeStatus, type CommitRecord, type FileChange, isoSeconds, SHA_RE } from './log.ts';
import { decodeGitBytes } from './paths.ts';
import { samePath, unquote } from './quoted-path.ts';

const RAW_RE = /^:\d{6} \d{6} ([0-9a-f]+) ([0-9a-f]+) ([AMDRCTUX])\d*$/;

interface Counts {
  added: number;
  deleted: number;
  binary: boolean;
}

/** A path printed by git (latin1, maybe C-quoted) as the history's tables hold it. */
function decodePrinted(latin1: string): string {
  const bytes = Buffer.from(unquote(latin1), 'latin1');
  return decodeGitBytes(bytes);
}

export class PatchFactsParser {
  private rest: Buffer | null = null;
  private current: CommitRecord | null = null;
  private raws: Array<{ status: ChangeStatus; path: string; oldPath: string | null }> = [];
  private counts = new Map<string, Counts>();
  /** The patch being read: its counts, and its path once known. */
  private patch: Counts | null = null;
  private patchPath: string | null = null;
  readonly stats = { commits: 0, skippedTokens: 0 };
  /**
   * Commits read with a file whose content did not change (a pure rename, a mode change): the patch
   * shows no hunk and no `Binary files` line, so it cannot tell whether numstat calls the file binary
   * (`-`) or not (0). Their numstat is asked of git (history.ts), for these few commits only.
   */
  readonly unsure = new Set<string>();
  private sameContent = false;

  /** Feed a chunk; returns the commits completed by it. */
  push(chunk: Buffer): CommitRecord[] {
    const out: CommitRecord[] = [];
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let at = 0;
    for (let nl = buf.indexOf(10, at); nl !== -1; nl = buf.indexOf(10, at)) {
      this.line(buf, at, nl, out);
      at = nl + 1;
    }
    this.rest = at < buf.length ? Buffer.from(buf.subarray(at)) : null;
    return out;
  }

  /** Call after the last chunk; returns the final commit. */
  end(): CommitRecord[] {
    const out: CommitRecord[] = [];
    if (this.rest) {
      const buf = this.rest;
      this.rest = null;
      this.line(buf, 0, buf.length, out);
    }
    this.finish(out);
    return out;
  }

  private line(buf: Buffer, start: number, end: number, out: CommitRecord[]): void {
    const c0 = buf[start];
    // Line text (+, -, space) and `\ No newline` markers: most of the log, nothing to read.
    if (c0 === 0x2b || c0 === 0x2d || c0 === 0x20 || c0 === 0x5c || start === end) return;
    if (c0 === 0x40) {
      this.hunk(buf, start, end);
      return;
    }
    if (c0 === 0x01) {
      this.finish(out);
      this.header(buf, start, end);
      return;
    }
    if (!this.current) return;
    if (c0 === 0x3a) this.raw(buf.toString('latin1', start, end));
    else if (c0 === 0x64 && buf.toString('latin1', start, start + 11) === 'diff --git ') {
      this.endPatch();
      this.patch = { added: 0, deleted: 0, binary: false };
      const p = samePath(buf.toString('latin1', start + 11, end));
      this.patchPath = p === null ? null : decodePrinted(p);
    } else if (this.patch) {
      if (c0 === 0x42 && buf.toString('latin1', start, start + 13) === 'Binary files ')
        this.patch.binary = true;
      else if (c0 === 0x72 && buf.toString('latin1', start, start + 10) === 'rename to ')
        this.patchPath = decodePrinted(buf.toString('latin1', start + 10, end));
    }
  }

  /** `@@ -a[,b] +c[,d] @@`: b deleted and d added lines (1 when the count is left out). */
  private hunk(buf: Buffer, start: number, end: number): void {
    const p = this.patch;
    if (!p) return;
    let i = start;
    while (i < end && buf[i] !== 0x2d) i++; // '-'
    const [deleted, j] = countAfter(buf, i + 1, end);
    while (i < end && buf[i] !== 0x2b) i++; // '+'
    i = Math.max(i, j);
    const [added] = countAfter(buf, i + 1, end);
    p.deleted += deleted;
    p.added += added;
  }

  private header(buf: Buffer, start: number, end: number): void {
    const fields: string[] = [];
    let at = start + 3; // after `\x01C `
    for (let nul = buf.indexOf(0, at); nul !== -1 && nul < end; nul = buf.indexOf(0, at)) {
      fields.push(fields.length === 0 ? buf.toString('latin1', at, nul) : buf.toString('utf8', at, nul));
      at = nul + 1;
    }
    fields.push(buf.toString('utf8', at, end));
    const [head = '', an = '', ae = '', ad = '', cn = '', ce = '', cd = '', subject = ''] = fields;
    const [sha = '', ...parents] = head.split(' ').filter((x) => x !== '');
    if (fields.length !== 8 || !SHA_RE.test(sha)) {
      this.stats.skippedTokens++;
      return;
    }
    this.sameContent = false;
    this.current = {
      sha,
      parents,
      author: { name: an, email: ae },
      authorDate: ad,
      authorTs: isoSeconds(ad),
      committer: { name: cn, email: ce },
      committerDate: cd,
      committerTs: isoSeconds(cd),
      subject,
      changes: [],
    };
  }

  /** `:<mode> <mode> <id> <id> <status><score>\t<path>[\t<path>]` */
  private raw(text: string): void {
    const tab = text.indexOf('\t');
    const m = tab === -1 ? null : RAW_RE.exec(text.slice(0, tab));
    if (!m) {
      this.stats.skippedTokens++;
      return;
    }
    const status = m[3] as ChangeStatus;
    if (m[1] === m[2]) this.sameContent = true;
    const [a = '', b] = text.slice(tab + 1).split('\t');
    this.raws.push(
      b === undefined
        ? { status, path: decodePrinted(a), oldPath: null }
        : { status, path: decodePrinted(b), oldPath: decodePrinted(a) },
    );
  }

  private endPatch(): void {
    const p = this.patch;
    if (!p) return;
    this.patch = null;
    if (this.patchPath === null) {
      this.stats.skippedTokens++;
      return;
    }
    const known = this.counts.get(this.patchPath);
    if (!known) this.counts.set(this.patchPath, p);
    else {
      known.added += p.added;
      known.deleted += p.deleted;
      known.binary ||= p.binary;
    }
  }

  private finish(out: CommitRecord[]): void {
    this.endPatch();
    const c = this.current;
    if (!c) return;
    c.changes = this.raws.map((r): FileChange => {
      const n = this.counts.get(r.path);
      const binary = n?.binary ?? false;
      return {
        status: r.status,
        path: r.path,
        oldPath: r.oldPath,
        added: binary ? null : (n?.added ?? 0),
        deleted: binary ? null : (n?.deleted ?? 0),
        binary,
      };
    });
    if (this.sameContent) this.unsure.add(c.sha);
    this.sameContent = false;
    this.raws = [];
    this.counts = new Map();
    this.current = null;
    this.stats.commits++;
    out.push(c);
  }
}

/** The count of a hunk range starting at `i` (`a[,b]`): b, or 1 without a comma; and where it ends. */
function countAfter(buf: Buffer, i: number, end: number): [number, number] {
  while (i < end && buf[i] !== 0x2c && buf[i] !== 0x20) i++; // past the start
  if (buf[i] !== 0x2c) return [1, i];
  let n = 0;
  for (i++; i < end; i++) {
    const d = (buf[i] as number) - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return [n, i];
}
