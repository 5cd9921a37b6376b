// Streaming parser for one hardened `git log -z --raw --numstat` over a commit range.
// Tokens are NUL-separated; the header has a fixed number of fields and diff entries are
// consumed by position, so no byte in a message or path can break the parse.
import { decodeGitBytes } from './paths.ts';

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U' | 'X';

export interface FileChange {
  status: ChangeStatus;
  path: string;
  /** The path before a rename or copy; null otherwise. */
  oldPath: string | null;
  /** Lines added and deleted; null for binary files. */
  added: number | null;
  deleted: number | null;
  binary: boolean;
}

export interface Identity {
  name: string;
  email: string;
}

export interface CommitRecord {
  sha: string;
  parents: string[];
  author: Identity;
  /** Strict ISO 8601 with the original offset, as git prints `%aI`. */
  authorDate: string;
  /** Seconds since the epoch. */
  authorTs: number;
  committer: Identity;
  committerDate: string;
  committerTs: number;
  subject: string;
  /** Empty for merge commits (no diff is computed against several parents). */
  changes: FileChange[];
}

/** The `--format` the parser reads: record separator, then 9 NUL-terminated fields. */
const LOG_FORMAT = '%x1e%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%s%x00';

/**
 * Flags every `git log` that reads diffs takes, whatever else it asks for: no drivers or converters
 * from the repository run, no output settings of the repository change what is parsed.
 */
export const SAFE_LOG_FLAGS: readonly string[] = [
  '--no-textconv',
  '--no-ext-diff',
  '--no-color',
  '--no-relative',
  '--no-use-mailmap',
  '--no-show-signature',
  '--no-notes',
  '--encoding=UTF-8',
  '--diff-algorithm=myers',
];

export const LOG_ARGS: readonly string[] = [
  'log',
  '-z',
  '--raw',
  '--numstat',
  '--find-renames',
  ...SAFE_LOG_FLAGS,
  '--diff-merges=off',
  `--format=${LOG_FORMAT}`,
];

/**
 * The same log without line counts and with exact renames only: it needs commits and trees but no
 * blob contents, so it works on repositories missing blobs (blobless partial clones, damaged packs).
 */
export const LOG_ARGS_WITHOUT_LINES: readonly string[] = LOG_ARGS.filter((a) => a !== '--numstat').map((a) =>
  a === '--find-renames' ? '--find-renames=100%' : a,
);

const HEADER_FIELDS = 9;
export const SHA_RE = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const RAW_RE = /^:(\d{6}) (\d{6}) [0-9a-f]+ [0-9a-f]+ ([AMDRCTUX])(\d*)$/;
const NUMSTAT_RE = /^(\d+|-)\t(\d+|-)\t/;

type Phase = 'header' | 'diff';
type Pending =
  | { kind: 'raw'; status: ChangeStatus; need: number; paths: string[] }
  | { kind: 'numstat'; added: number | null; deleted: number | null; paths: string[] };

interface LogParserStats {
  commits: number;
  /** Tokens skipped to get back in step after a record that could not be read. */
  skippedTokens: number;
}

export class LogParser {
  private rest: Buffer = Buffer.alloc(0);
  private phase: Phase = 'header';
  private fields: string[] = [];
  private current: CommitRecord | null = null;
  private raws: Array<{ status: ChangeStatus; path: string; oldPath: string | null }> = [];
  private nums: Array<{ added: number | null; deleted: number | null; path: string }> = [];
  private pending: Pending | null = null;
  readonly stats: LogParserStats = { commits: 0, skippedTokens: 0 };
  /** False when the log was read without `--numstat`: added and deleted are then unknown (null). */
  private readonly lineCounts: boolean;

  constructor(options: { lineCounts?: boolean } = {}) {
    this.lineCounts = options.lineCounts ?? true;
  }

  /** Feed a chunk; returns the commits completed by it. */
  push(chunk: Buffer): CommitRecord[] {
    const out: CommitRecord[] = [];
    const buf = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nul = buf.indexOf(0, pos);
      if (nul < 0) break;
      this.token(buf, pos, nul, out);
      pos = nul + 1;
    }
    this.rest = pos < buf.length ? Buffer.from(buf.subarray(pos)) : Buffer.alloc(0);
    return out;
  }

  /** Call after the last chunk; returns the final commit. */
  end(): CommitRecord[] {
    const out: CommitRecord[] = [];
    if (this.rest.length > 0) {
      const buf = this.rest;
      this.rest = Buffer.alloc(0);
      this.token(buf, 0, buf.length, out);
    }
    this.finish(out);
    return out;
  }

  private token(buf: Buffer, start: number, end: number, out: CommitRecord[]): void {
    if (this.phase === 'header') {
      this.headerToken(buf, start, end);
      return;
    }
    if (this.pending) {
      this.pending.paths.push(decodeGitBytes(buf, start, end));
      this.completePending();
      return;
    }
    let s = start;
    if (buf[s] === 0x0a) s++; // the newline git puts between header and diff
    if (s === end) return; // the empty token that closes a header
    const first = buf[s];
    if (first === 0x1e) {
      this.finish(out);
      this.phase = 'header';
      this.headerToken(buf, s, end);
    } else if (first === 0x3a) {
      this.rawToken(buf.toString('latin1', s, end));
    } else {
      this.numstatToken(buf, s, end);
    }
  }

  private headerToken(buf: Buffer, start: number, end: number): void {
    if (this.fields.length === 0) {
      const text = buf.toString('latin1', start, end);
      const sha = text.startsWith('\x1e') ? text.slice(1) : '';
      if (!SHA_RE.test(sha)) {
        this.stats.skippedTokens++;
        return; // out of step: wait for the next record start
      }
      this.fields.push(sha);
      this.phase = 'header';
      return;
    }
    this.fields.push(buf.toString('utf8', start, end));
    if (this.fields.length === HEADER_FIELDS) this.startCommit();
  }

  private startCommit(): void {
    const [sha, parents, an, ae, ad, cn, ce, cd, subject] = this.fields as [string, ...string[]];
    this.fields = [];
    this.current = {
      sha,
      parents: parents ? parents.split(' ') : [],
      author: { name: an ?? '', email: ae ?? '' },
      authorDate: ad ?? '',
      authorTs: isoSeconds(ad ?? ''),
      committer: { name: cn ?? '', email: ce ?? '' },
      committerDate: cd ?? '',
      committerTs: isoSeconds(cd ?? ''),
      subject: subject ?? '',
      changes: [],
    };
    this.phase = 'diff';
  }

  private rawToken(text: string): void {
    const m = RAW_RE.exec(text);
    if (!m) {
      this.stats.skippedTokens++;
      return;
    }
    const status = m[3] as ChangeStatus;
    this.pending = { kind: 'raw', status, need: status === 'R' || status === 'C' ? 2 : 1, paths: [] };
  }

  private numstatToken(buf: Buffer, start: number, end: number): void {
    const head = buf.toString('latin1', start, Math.min(end, start + 48));
    const m = NUMSTAT_RE.exec(head);
    if (!m) {
      this.stats.skippedTokens++;
      return;
    }
    const added = m[1] === '-' ? null : Number(m[1]);
    const deleted = m[2] === '-' ? null : Number(m[2]);
    const pathStart = start + m[0].length;
    if (pathStart === end) {
      this.pending = { kind: 'numstat', added, deleted, paths: [] }; // rename: old and new follow
    } else {
      this.nums.push({ added, deleted, path: decodeGitBytes(buf, pathStart, end) });
    }
  }

  private completePending(): void {
    const p = this.pending;
    if (!p) return;
    if (p.kind === 'raw' && p.paths.length === p.need) {
      const [a, b] = p.paths as [string, string | undefined];
      this.raws.push(
        b === undefined
          ? { status: p.status, path: a, oldPath: null }
          : { status: p.status, path: b, oldPath: a },
      );
      this.pending = null;
    } else if (p.kind === 'numstat' && p.paths.length === 2) {
      this.nums.push({ added: p.added, deleted: p.deleted, path: p.paths[1] as string });
      this.pending = null;
    }
  }

  private finish(out: CommitRecord[]): void {
    const c = this.current;
    if (!c) return;
    c.changes = mergeEntries(this.raws, this.nums, this.lineCounts);
    this.raws = [];
    this.nums = [];
    this.pending = null;
    this.current = null;
    this.stats.commits++;
    out.push(c);
  }
}

function mergeEntries(
  raws: Array<{ status: ChangeStatus; path: string; oldPath: string | null }>,
  nums: Array<{ added: number | null; deleted: number | null; path: string }>,
  lineCounts: boolean,
): FileChange[] {
  // git prints raw then numstat entries for the same file pairs in the same order.
  const byPath = new Map<string, { added: number | null; deleted: number | null }>();
  for (const n of nums) byPath.set(n.path, n);
  return raws.map((r, i) => {
    const n = nums[i]?.path === r.path ? nums[i] : byPath.get(r.path);
    // Without numstat the counts are unknown; with it, an entry numstat skipped changed no line.
    const added = n ? n.added : lineCounts ? 0 : null;
    const deleted = n ? n.deleted : lineCounts ? 0 : null;
    return {
      status: r.status,
      path: r.path,
      oldPath: r.oldPath,
      added,
      deleted,
      binary: n !== undefined && added === null,
    };
  });
}

export function isoSeconds(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}
