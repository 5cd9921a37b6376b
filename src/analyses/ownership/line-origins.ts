// Applying one diff to the origins of a file's lines: for every line, the index of the commit that
// last changed it, as `git blame` assigns it. A null origin list means "not known" (binary content,
// an inconsistent diff): such files are blamed instead.
import type { FileRecord, Hunk } from './diff-records.ts';

export type Origins = Int32Array | null;

/** More lines than any text file under the size cap can hold: the diff is not understood. */
const MAX_LINES = 50_000_000;

/** Index of the first line a hunk range covers (0-based); a zero count means "after line start". */
function first(start: number, count: number): number {
  return count === 0 ? start : start - 1;
}

/** The origins after a two-way diff: lines in hunks come from `commit`, the rest from `before`. */
export function applyHunks(before: Origins, hunks: Hunk[], commit: number): Origins {
  if (before === null) return null;
  let length = before.length;
  for (const h of hunks) length += h.count - (h.old[0]?.[1] ?? 0);
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_LINES) return null;
  const out = new Int32Array(length);
  let from = 0;
  let to = 0;
  for (const h of hunks) {
    const [oldStart, oldCount] = h.old[0] ?? [0, 0];
    const keep = first(oldStart, oldCount) - from;
    if (keep < 0 || first(h.start, h.count) !== to + keep) return null;
    out.set(before.subarray(from, from + keep), to);
    to += keep;
    from += keep + oldCount;
    out.fill(commit, to, to + h.count);
    to += h.count;
  }
  if (before.length - from !== length - to || from > before.length) return null;
  out.set(before.subarray(from), to);
  return out;
}

/** For each line of a newer file, the line of the older one it is kept from (-1: none), from -U0 hunks. */
export function keptLines(oldLength: number, hunks: Hunk[]): Int32Array | null {
  let length = oldLength;
  for (const h of hunks) length += h.count - (h.old[0]?.[1] ?? 0);
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_LINES) return null;
  const out = new Int32Array(length).fill(-1);
  let from = 0;
  let to = 0;
  for (const h of hunks) {
    const [oldStart, oldCount] = h.old[0] ?? [0, 0];
    const keep = first(oldStart, oldCount) - from;
    if (keep < 0 || first(h.start, h.count) !== to + keep) return null;
    for (let k = 0; k < keep; k++) out[to + k] = from + k;
    to += keep + h.count;
    from += keep + oldCount;
  }
  if (oldLength - from !== length - to || from > oldLength) return null;
  for (let k = 0; to + k < length; k++) out[to + k] = from + k;
  return out;
}

/**
 * The same from a merge's combined diff, for the parents whose old length is given (the others'
 * columns are skipped): a line is kept from a parent where its column is blank.
 */
export function keptFromCombined(
  file: FileRecord,
  lengths: Array<number | undefined>,
): { length: number; kept: Array<Int32Array | undefined> } | null {
  const used = lengths.findIndex((n) => n !== undefined);
  if (used < 0) return null;
  const length = (lengths[used] as number) + countDelta(file.hunks, used);
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_LINES) return null;
  const kept = lengths.map((n) => (n === undefined ? undefined : new Int32Array(length).fill(-1)));
  const cursor = lengths.map(() => 0);
  let r = 0;
  const common = (upTo: number): boolean => {
    if (upTo < r) return false;
    for (; r < upTo; r++) {
      for (let i = 0; i < kept.length; i++) {
        const k = kept[i];
        if (k) k[r] = cursor[i] as number;
        cursor[i] = (cursor[i] as number) + 1;
      }
    }
    return true;
  };
  for (const h of file.hunks) {
    if (h.old.length !== lengths.length || !common(combinedFirst(h.start))) return null;
    for (const [i, k] of kept.entries())
      if (k && cursor[i] !== combinedFirst(h.old[i]?.[0] ?? 0)) return null;
    const cols = h.columns;
    const n = lengths.length;
    for (let line = 0; cols && line < (h.lines ?? 0); line++) {
      const at = line * n;
      let gone = false;
      for (let i = 0; i < n && !gone; i++) gone = cols[at + i] === MINUS;
      if (!gone && r >= length) return null;
      for (let i = 0; i < n; i++) {
        if (cols[at + i] !== (gone ? MINUS : SPACE)) continue;
        const k = kept[i];
        if (k && !gone) k[r] = cursor[i] as number;
        cursor[i] = (cursor[i] as number) + 1;
      }
      if (!gone) r++;
    }
  }
  if (!common(length)) return null;
  for (const [i, n] of lengths.entries()) if (n !== undefined && cursor[i] !== n) return null;
  return { length, kept };
}

/**
 * A merge's origins as blame passes lines to parents in order: each line from the first parent
 * that keeps it, else the merge's. Null when that parent's origins are not known.
 */
export function mergeLines(
  length: number,
  kept: Array<Int32Array | undefined>,
  origins: Origins[],
  commit: number,
): Origins {
  const out = new Int32Array(length).fill(commit);
  for (let r = 0; r < length; r++) {
    for (const [i, k] of kept.entries()) {
      const at = k?.[r] ?? -1;
      if (at < 0) continue;
      const o = origins[i];
      if (!o || at >= o.length) return null;
      out[r] = o[at] as number;
      break;
    }
  }
  return out;
}

const MINUS = 0x2d;
const SPACE = 0x20;

/** Combined diffs number a range by its first line even when it is empty (`-13,0`: before line 13). */
function combinedFirst(start: number): number {
  return Math.max(0, start - 1);
}

function countDelta(hunks: Hunk[], parent: number): number {
  let d = 0;
  for (const h of hunks) d += h.count - (h.old[parent]?.[1] ?? 0);
  return d;
}

/** Origins of a file as it was added by `commit`: every line is the commit's. */
export function addedFile(file: FileRecord, commit: number): Origins {
  if (file.binary) return null;
  const h = file.hunks[0];
  return new Int32Array(h ? h.count : 0).fill(commit);
}
