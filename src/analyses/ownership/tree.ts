// The replay's file tree of one commit: path -> (blob, line origins). A commit's tree starts as its
// first parent's; at a branch point the parent's tree is forked, not copied: the paths are spread
// over a fixed number of buckets shared by both trees, and a tree copies a bucket only when it first
// writes to it. A live tree costs its bucket table plus the buckets it changed, so the many branch
// points a merge-heavy history keeps alive at once (git/git: thousands) share almost everything.
// Buckets are small (1,024 of them: about 13 paths each on symfony/symfony's 13,139 files), so the
// first write after a fork copies little: with 128, copying buckets took 4.1 s of the replay's
// thread on symfony/symfony, with 1,024 0.8 s, with no more memory on git/git (537 MB peak both).
import type { Origins } from './line-origins.ts';

export interface FileState {
  blob: string;
  origins: Origins;
  /** A symlink or submodule: followed through renames only when identical. */
  special?: boolean;
}

const BUCKETS = 1024;

/** FNV-1a of the path's characters (latin1: one per byte), reduced to a bucket. */
function bucketOf(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

export class Tree {
  private readonly buckets: Array<Map<string, FileState>>;
  /** Buckets this tree may change in place (not shared with a fork). */
  private readonly owned: Uint8Array;

  constructor(buckets?: Array<Map<string, FileState>>) {
    this.buckets = buckets ?? Array.from({ length: BUCKETS }, () => new Map());
    this.owned = new Uint8Array(BUCKETS).fill(buckets ? 0 : 1);
  }

  /** A tree with the same files; either may change afterwards without the other seeing it. */
  fork(): Tree {
    this.owned.fill(0);
    return new Tree(this.buckets.slice());
  }

  get(path: string): FileState | undefined {
    return this.buckets[bucketOf(path)]?.get(path);
  }

  has(path: string): boolean {
    return this.buckets[bucketOf(path)]?.has(path) ?? false;
  }

  set(path: string, state: FileState): void {
    this.writable(bucketOf(path)).set(path, state);
  }

  delete(path: string): void {
    const i = bucketOf(path);
    if (this.buckets[i]?.has(path)) this.writable(i).delete(path);
  }

  *keys(): IterableIterator<string> {
    for (const b of this.buckets) yield* b.keys();
  }

  *entries(): IterableIterator<[string, FileState]> {
    for (const b of this.buckets) yield* b.entries();
  }

  /** The paths of this tree that `other` lacks; buckets the two share are not looked into. */
  *pathsMissingFrom(other: Tree): IterableIterator<string> {
    for (let i = 0; i < BUCKETS; i++) {
      const mine = this.buckets[i] as Map<string, FileState>;
      const theirs = other.buckets[i] as Map<string, FileState>;
      if (mine === theirs) continue;
      for (const p of mine.keys()) if (!theirs.has(p)) yield p;
    }
  }

  private writable(i: number): Map<string, FileState> {
    if (this.owned[i] === 1) return this.buckets[i] as Map<string, FileState>;
    const copy = new Map(this.buckets[i]);
    this.buckets[i] = copy;
    this.owned[i] = 1;
    return copy;
  }
}
