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

/**
 * The origins after a merge, from its combined diff: a line present unchanged in some parent comes
 * from the first such parent (as blame passes lines to parents in order); the others from `commit`.
 */
export function applyCombined(parents: Origins[], file: FileRecord, commit: number): Origins {
  if (parents.some((p) => p === null)) return null;
  const ps = parents as Int32Array[];
  const length = ps[0]!.length + countDelta(file.hunks, 0);
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_LINES) return null;
  const out = new Int32Array(length);
  const cursor = ps.map(() => 0);
  let r = 0;
  const copyCommon = (upTo: number): boolean => {
    const n = upTo - r;
    if (n < 0) return false;
    out.set(ps[0]!.subarray(cursor[0]!, cursor[0]! + n), r);
    for (let i = 0; i < ps.length; i++) cursor[i]! += n;
    r = upTo;
    return true;
  };
  for (const h of file.hunks) {
    if (h.old.length !== ps.length || !copyCommon(combinedFirst(h.start))) return null;
    for (let i = 0; i < ps.length; i++) if (cursor[i] !== combinedFirst(h.old[i]?.[0] ?? 0)) return null;
    for (const cols of h.columns ?? []) {
      if (cols.includes('-')) {
        for (let i = 0; i < cols.length; i++) if (cols[i] === '-') cursor[i]! += 1;
        continue;
      }
      let origin = commit;
      for (let i = cols.length - 1; i >= 0; i--) if (cols[i] === ' ') origin = ps[i]![cursor[i]!] ?? commit;
      for (let i = 0; i < cols.length; i++) if (cols[i] === ' ') cursor[i]! += 1;
      out[r++] = origin;
    }
  }
  if (!copyCommon(length) || cursor[0] !== ps[0]!.length) return null;
  return out;
}

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
