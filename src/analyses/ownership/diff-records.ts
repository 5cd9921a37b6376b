// Streaming parser for a hardened `git log -p -U0` (first-parent or combined merge diffs) or
// `git log --raw --no-abbrev` (file changes without hunks): commits, and per file its paths, blob ids
// and hunk headers. Line text is skipped; for combined diffs only
// the per-parent columns of each hunk line are kept. Strings are latin1 (one char per byte) until
// paths are decoded at the end, so no byte sequence can shift a position.

import { samePath, unquote } from '../../git/quoted-path.ts';

export interface Hunk {
  /** Old start and count (for each parent in a combined diff), new start and count. */
  old: Array<[number, number]>;
  start: number;
  count: number;
  /**
   * Combined diffs only: the parent columns of every line of the hunk, in order, `old.length` bytes
   * per line (` `, `+` or `-`; 0 past the end of a shorter line), `lines` of them.
   */
  columns?: Uint8Array;
  lines?: number;
}

export interface FileRecord {
  oldPath: string;
  newPath: string;
  status: 'A' | 'D' | 'M' | 'R';
  /** Blob ids from the `index` line: one per parent, then the new one; empty when not shown. */
  blobs: string[];
  binary: boolean;
  /** A symlink or submodule (mode 120000 or 160000) on the new side, or the old side of a deletion. */
  special: boolean;
  combined: boolean;
  /** Combined diffs (`--combined-all-paths`): the path in each parent, null where it has none. */
  parentPaths?: Array<string | null>;
  hunks: Hunk[];
}

export interface CommitRecord {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  files: FileRecord[];
}

/** Marks the start of a commit: `%x01C %H %P%x00%an%x00%ae`. */
export const RECORD_FORMAT = '%x01C %H %P%x00%an%x00%ae';

const HUNK_RE = /^(@@+) (.*?) @@/;

/**
 * A copy of `s` that keeps nothing else alive: V8 cuts substrings as views of their parent, so a
 * blob id or path sliced from the log would hold the whole chunk of output it came from for as long
 * as the replay keeps the file (the final tree alone would pin most of the log).
 */
function own(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

function range(text: string): [number, number] {
  const [s, c] = text.slice(1).split(',');
  return [Number(s), c === undefined ? 1 : Number(c)];
}

function newFile(path: string, combined: boolean): FileRecord {
  return {
    oldPath: path,
    newPath: path,
    status: 'M',
    blobs: [],
    binary: false,
    special: false,
    combined,
    hunks: [],
  };
}

/** Symlinks (120000) and submodules (160000): git follows them through renames only when identical. */
function isSpecial(mode: string): boolean {
  return mode.startsWith('12') || mode.startsWith('16');
}

const RAW_RE = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*\t([^\t]*)(?:\t(.*))?$/;

/**
 * One `--raw` line as the patch would show it: a type change (`T`) is a deletion and an addition of
 * the same path, as `-p` prints it.
 */
function rawFiles(line: string): FileRecord[] {
  const m = RAW_RE.exec(line);
  if (!m) return [];
  const [, oldMode = '', newMode = '', from = '', to = '', status = '', a = '', b] = m;
  const file = (st: FileRecord['status'], path: string, blobs: string[], mode: string): FileRecord => ({
    ...newFile(own(path), false),
    status: st,
    blobs: blobs.map(own),
    special: isSpecial(mode),
  });
  const path = unquote(a);
  if (status === 'T') return [file('D', path, [from, to], oldMode), file('A', path, [from, to], newMode)];
  if (status === 'R') return [{ ...file('R', unquote(b ?? ''), [from, to], newMode), oldPath: own(path) }];
  if (status === 'D') return [file('D', path, [from, to], oldMode)];
  return [file(status === 'A' ? 'A' : 'M', path, [from, to], newMode)];
}

/**
 * Turns chunks of log output into commit records, one at a time. `raw: false` skips `--raw` lines,
 * for a log that prints them beside the patches (the shared log, git/shared-log.ts).
 */
export async function* commitRecords(
  chunks: AsyncIterable<Buffer>,
  options: { raw?: boolean } = {},
): AsyncGenerator<CommitRecord> {
  const raw = options.raw ?? true;
  let commit: CommitRecord | null = null;
  let file: FileRecord | null = null;
  let hunk: Hunk | null = null;
  let rest = '';
  /** One line of a combined hunk: its columns appended (the buffer doubled when full). */
  const addColumns = (h: Hunk, text: string, at: number, end: number): void => {
    const n = h.old.length;
    const lines = h.lines ?? 0;
    let cols = h.columns as Uint8Array;
    if ((lines + 1) * n > cols.length) {
      const grown = new Uint8Array(cols.length * 2 + n);
      grown.set(cols);
      h.columns = cols = grown;
    }
    for (let i = 0; i < n && at + i < end; i++) cols[lines * n + i] = text.charCodeAt(at + i);
    h.lines = lines + 1;
  };
  const onLine = (line: string): CommitRecord | null => {
    const c0 = line.charCodeAt(0);
    if (c0 === 45 && file?.combined && !hunk && line.startsWith('--- ')) {
      const p = unquote(line.slice(4));
      file.parentPaths ??= [];
      file.parentPaths.push(p === '/dev/null' ? null : p.slice(2));
      return null;
    }
    // Line text, `---`/`+++` headers and `\ No newline` markers carry nothing needed here.
    if (c0 === 43 || c0 === 45 || c0 === 32 || c0 === 92) return null;
    if (c0 === 1) {
      const done = commit;
      const [head = '', name = '', email = ''] = line.slice(3).split('\x00');
      const [sha = '', ...parents] = head.split(' ').filter((x) => x !== '');
      commit = {
        sha: own(sha),
        parents: parents.map(own),
        authorName: own(name),
        authorEmail: own(email),
        files: [],
      };
      file = null;
      hunk = null;
      return done;
    }
    if (!commit) return null;
    if (c0 === 58) {
      if (raw) for (const f of rawFiles(line)) commit.files.push(f);
      return null;
    }
    if (line.startsWith('@@')) {
      const m = HUNK_RE.exec(line);
      if (!m || !file) return null;
      const parts = (m[2] as string).split(' ');
      const [start, count] = range(parts[parts.length - 1] as string);
      hunk = { old: parts.slice(0, -1).map(range), start, count };
      if (file.combined) {
        hunk.columns = new Uint8Array(Math.max(4, count + 4) * hunk.old.length);
        hunk.lines = 0;
      }
      file.hunks.push(hunk);
      return null;
    }
    hunk = null;
    if (line.startsWith('diff --git ')) {
      const p = samePath(line.slice(11)) ?? '';
      file = newFile(own(p), false);
      commit.files.push(file);
    } else if (line.startsWith('diff --combined ') || line.startsWith('diff --cc ')) {
      const p = unquote(line.slice(line.indexOf(' ', 7) + 1));
      file = newFile(own(p), true);
      commit.files.push(file);
    } else if (file) {
      if (line.startsWith('index ')) {
        const [ids = '', mode] = line.slice(6).split(' ');
        file.blobs = ids.split(/\.\.|,/).map(own);
        if (mode !== undefined) file.special = isSpecial(mode);
      } else if (line.startsWith('new file mode ')) {
        file.status = 'A';
        file.special = isSpecial(line.slice(14));
      } else if (line.startsWith('deleted file mode ')) {
        file.status = 'D';
        file.special = isSpecial(line.slice(18));
      } else if (line.startsWith('new mode ')) file.special = isSpecial(line.slice(9));
      else if (line.startsWith('rename from ')) {
        file.status = 'R';
        file.oldPath = own(unquote(line.slice(12)));
      } else if (line.startsWith('rename to ')) file.newPath = own(unquote(line.slice(10)));
      else if (line.startsWith('Binary files ')) file.binary = true;
    }
    return null;
  };
  for await (const chunk of chunks) {
    const text = rest + chunk.toString('latin1');
    let at = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', at)) {
      // Line text is most of a patch: read from its first character, without a string of its own.
      const c0 = text.charCodeAt(at);
      if (c0 === 32 || c0 === 43 || c0 === 45 || c0 === 92) {
        // (set by onLine: the casts keep TypeScript from narrowing them to their first value)
        const h = hunk as Hunk | null;
        if (h?.columns && c0 !== 92) addColumns(h, text, at, nl);
        if (h || c0 !== 45 || !(file as FileRecord | null)?.combined) {
          at = nl + 1;
          continue;
        }
      }
      const done = onLine(text.slice(at, nl));
      at = nl + 1;
      if (done) yield done;
    }
    rest = text.slice(at);
  }
  if (rest !== '') onLine(rest);
  if (commit) yield commit;
}

/** A latin1 path from git's output as the UTF-8 text the files table holds. */
export function decodePath(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}
