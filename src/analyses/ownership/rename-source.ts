// Which file `git blame` follows when a path does not exist in a parent: blame's `find_rename`
// runs git's rename detection on parent..commit with that one path as the only destination, so a
// deleted file can be followed by several new files, and the best source wins even when the log
// (which pairs every source at most once, over all destinations) shows the file as added. This is
// git's diffcore-rename for a single destination: exact match, then a unique same-basename source
// at 75% similarity, then the best source at 50%, with git's similarity estimate (diffcore-delta).

/** git's scores run from 0 to MAX_SCORE; a rename needs DEFAULT_RENAME_SCORE (50%). */
const MAX_SCORE = 60_000;
const RENAME_SCORE = 30_000;
const BASENAME_SCORE = RENAME_SCORE + Math.trunc(0.5 * (MAX_SCORE - RENAME_SCORE));
const HASHBASE = 107_927;
const CANDIDATES = 4;

export interface RenameFile {
  /** Path as git prints it (latin1, one char per byte). */
  path: string;
  blob: string;
  /** A regular or executable file; symlinks and submodules are followed only when identical. */
  regular: boolean;
}

/** Chunk counts of a blob: byte count per hash of each line (cut at 64 bytes), sorted by hash. */
export interface Spans {
  size: number;
  hashes: Uint32Array;
  counts: Uint32Array;
}

/**
 * git's `hash_chars`. `finalLine`: git 2.43.2 and later also count a last line without a newline
 * (commit 1c5bc6971e); older git ignores it.
 */
export function spans(content: Buffer, finalLine: boolean): Spans {
  const text = !content.subarray(0, 8000).includes(0);
  // Byte counts by hash in one table reused by every call; `touched` lists the hashes counted.
  const acc = ACCUMULATOR;
  const touched: number[] = [];
  let n = 0;
  let a1 = 0;
  let a2 = 0;
  const add = () => {
    const hash = ((a1 + Math.imul(a2, 0x61)) >>> 0) % HASHBASE;
    if (acc[hash] === 0) touched.push(hash);
    acc[hash] = (acc[hash] as number) + n;
    n = 0;
    a1 = 0;
    a2 = 0;
  };
  for (let i = 0; i < content.length; i++) {
    const c = content[i] as number;
    if (text && c === 13 && i + 1 < content.length && content[i + 1] === 10) continue;
    const old1 = a1;
    a1 = (((a1 << 7) ^ (a2 >>> 25)) + c) >>> 0;
    a2 = ((a2 << 7) ^ (old1 >>> 25)) >>> 0;
    if (++n < 64 && c !== 10) continue;
    add();
  }
  if (finalLine && n > 0) add();
  const hashes = Uint32Array.from(touched).sort();
  const counts = new Uint32Array(hashes.length);
  for (let k = 0; k < hashes.length; k++) {
    const h = hashes[k] as number;
    counts[k] = acc[h] as number;
    acc[h] = 0;
  }
  return { size: content.length, hashes, counts };
}

/** The table `spans` counts in (every entry back to zero between calls). */
const ACCUMULATOR = new Uint32Array(HASHBASE);

/** git's `estimate_similarity`: bytes of `dst` copied from `src`, scaled to MAX_SCORE. */
export function similarity(src: Spans, dst: Spans, minimum: number): number {
  const max = Math.max(src.size, dst.size);
  const delta = max - Math.min(src.size, dst.size);
  if (max * (MAX_SCORE - minimum) < delta * MAX_SCORE) return 0;
  let copied = 0;
  let d = 0;
  for (let s = 0; s < src.hashes.length; s++) {
    const h = src.hashes[s] as number;
    while (d < dst.hashes.length && (dst.hashes[d] as number) < h) d++;
    if (d < dst.hashes.length && dst.hashes[d] === h) {
      copied += Math.min(src.counts[s] as number, dst.counts[d] as number);
      d++;
    }
  }
  return dst.size === 0 ? 0 : Math.trunc((copied * MAX_SCORE) / max);
}

/**
 * `similarity` against one destination many times: its counts spread over a table indexed by
 * hash, so each source costs its own hashes only, not a walk over both lists. The same sums. The
 * table is shared: one target at a time, released before the next.
 */
export class SimilarityTarget {
  readonly spans: Spans;
  constructor(spans: Spans) {
    if (targetInUse) throw new Error('a similarity target is still in use');
    targetInUse = true;
    this.spans = spans;
    for (let k = 0; k < spans.hashes.length; k++)
      TARGET[spans.hashes[k] as number] = spans.counts[k] as number;
  }

  similarity(src: Spans, minimum: number): number {
    const dst = this.spans;
    const max = Math.max(src.size, dst.size);
    const delta = max - Math.min(src.size, dst.size);
    if (max * (MAX_SCORE - minimum) < delta * MAX_SCORE) return 0;
    let copied = 0;
    for (let s = 0; s < src.hashes.length; s++) {
      const d = TARGET[src.hashes[s] as number] as number;
      if (d !== 0) copied += Math.min(src.counts[s] as number, d);
    }
    return dst.size === 0 ? 0 : Math.trunc((copied * MAX_SCORE) / max);
  }

  /** Back to an empty table, for the next destination. */
  release(): void {
    for (let k = 0; k < this.spans.hashes.length; k++) TARGET[this.spans.hashes[k] as number] = 0;
    targetInUse = false;
  }
}

/** The destination's counts by hash while `renameSource` runs (zero elsewhere). */
const TARGET = new Uint32Array(HASHBASE);
let targetInUse = false;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface Score {
  src: number;
  score: number;
  name: number;
}

/** git's `score_compare`: positive when `a` is a worse candidate than `b` (empty slots are worst). */
function worse(a: Score | undefined, b: Score | undefined): number {
  if (!a) return b ? 1 : 0;
  if (!b) return -1;
  return a.score === b.score ? b.name - a.name : b.score - a.score;
}

/** An identical source (the same blob, and the same kind unless both are regular), same basename first. */
export function exactSource(dst: RenameFile, sources: readonly RenameFile[]): RenameFile | undefined {
  let first: RenameFile | undefined;
  let tries = 100;
  for (const s of sources) {
    if (s.blob !== dst.blob || (!(s.regular && dst.regular) && s.regular !== dst.regular)) continue;
    if (basename(s.path) === basename(dst.path)) return s;
    first ??= s;
    if (--tries === 0) break;
  }
  return first;
}

/**
 * The source blame follows for `dst`, among the files deleted between the parent and the commit
 * (`sources` in git's path order), or undefined. `spansOf` gives a blob's chunk counts.
 */
export function renameSource(
  dst: RenameFile,
  sources: readonly RenameFile[],
  spansOf: (blob: string) => Spans | undefined,
): RenameFile | undefined {
  const exact = exactSource(dst, sources);
  if (exact || !dst.regular) return exact;
  const spansOfDst = spansOf(dst.blob);
  if (!spansOfDst) return undefined;
  const target = new SimilarityTarget(spansOfDst);
  try {
    return bestSource(dst, sources, (s, minimum) => {
      const from = s.regular ? spansOf(s.blob) : undefined;
      return from ? target.similarity(from, minimum) : 0;
    });
  } finally {
    target.release();
  }
}

function bestSource(
  dst: RenameFile,
  sources: readonly RenameFile[],
  estimate: (s: RenameFile, minimum: number) => number,
): RenameFile | undefined {
  // A source with the same basename, unique among the sources, at 75%.
  const base = basename(dst.path);
  const same = sources.filter((s) => basename(s.path) === base);
  if (same.length === 1 && estimate(same[0] as RenameFile, BASENAME_SCORE) >= BASENAME_SCORE) return same[0];
  // The best of the others at 50%, kept as git keeps them: four slots, then a stable sort.
  const slots: Array<Score | undefined> = new Array(CANDIDATES).fill(undefined);
  for (const [i, s] of sources.entries()) {
    const o: Score = { src: i, score: estimate(s, RENAME_SCORE), name: basename(s.path) === base ? 1 : 0 };
    let w = 0;
    for (let k = 1; k < CANDIDATES; k++) if (worse(slots[k], slots[w]) > 0) w = k;
    if (worse(slots[w], o) > 0) slots[w] = o;
  }
  const best = slots.map((s, k) => ({ s, k })).sort((x, y) => worse(x.s, y.s) || x.k - y.k)[0]?.s;
  return best && best.score >= RENAME_SCORE ? sources[best.src] : undefined;
}
