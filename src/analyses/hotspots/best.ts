// The best few of many items (the top hotspots of a million files) without sorting them all, and
// with an expensive test (exclusion globs) run only on the items that would make the list.

/**
 * The `k` first items in `compare` order (a total order) that `keep` accepts, in that order. One
 * pass with a heap of `k`: O(n log k) comparisons, and `keep` runs only on items better than the
 * worst of those found so far. Same result as filtering, sorting and taking the first `k`.
 */
export function firstKept<T>(
  items: Iterable<T>,
  k: number,
  compare: (a: T, b: T) => number,
  keep: (item: T) => boolean,
): T[] {
  // A max-heap on `compare`: the worst item kept so far at the root.
  const heap: T[] = [];
  const worse = (i: number, j: number) => compare(heap[i] as T, heap[j] as T) > 0;
  const swap = (i: number, j: number) => {
    const t = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = t;
  };
  const up = (i: number) => {
    for (let p = (i - 1) >> 1; i > 0 && worse(i, p); i = p, p = (i - 1) >> 1) swap(i, p);
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(l, m)) m = l;
      if (r < heap.length && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  if (k <= 0) return [];
  for (const item of items) {
    if (heap.length < k) {
      if (!keep(item)) continue;
      heap.push(item);
      up(heap.length - 1);
    } else if (compare(item, heap[0] as T) < 0 && keep(item)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}
