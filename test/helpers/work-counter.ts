// Counts the work a function does as the elements it visits: every element an array, Set or Map
// iterator yields (for...of, spread, Array.from, new Map(...)) and every element a linear array method
// looks at (map, filter, find, includes, ...). Deterministic and independent of the machine, so a test
// can tell linear from quadratic growth by running the same code on n and 4n items, without timing.

type Patch = { target: object; key: PropertyKey; original: unknown };

const LINEAR_ARRAY_METHODS = [
  'map',
  'filter',
  'forEach',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'includes',
  'indexOf',
  'lastIndexOf',
  'reduce',
  'flatMap',
  'slice',
  'concat',
  'join',
] as const;

let visited = 0;

function patchIterator(target: object, key: PropertyKey, patches: Patch[]): void {
  const original = (target as Record<PropertyKey, unknown>)[key] as (this: unknown) => Iterator<unknown>;
  patches.push({ target, key, original });
  Object.defineProperty(target, key, {
    configurable: true,
    writable: true,
    value: function counted(this: unknown) {
      const inner = original.call(this);
      return {
        next() {
          const step = inner.next();
          if (!step.done) visited++;
          return step;
        },
        [Symbol.iterator]() {
          return this;
        },
      };
    },
  });
}

function patchArrayMethod(key: string, patches: Patch[]): void {
  const target = Array.prototype as unknown as Record<string, unknown>;
  const original = target[key] as (this: unknown[], ...args: unknown[]) => unknown;
  patches.push({ target, key, original });
  Object.defineProperty(target, key, {
    configurable: true,
    writable: true,
    value: function counted(this: unknown[], ...args: unknown[]) {
      visited += this.length;
      return original.apply(this, args);
    },
  });
}

function install(): Patch[] {
  const patches: Patch[] = [];
  for (const proto of [Array.prototype, Set.prototype, Map.prototype]) {
    patchIterator(proto, Symbol.iterator, patches);
    patchIterator(proto, 'values', patches);
    patchIterator(proto, 'entries', patches);
    patchIterator(proto, 'keys', patches);
  }
  for (const key of LINEAR_ARRAY_METHODS) patchArrayMethod(key, patches);
  return patches;
}

function uninstall(patches: Patch[]): void {
  for (const p of patches.reverse()) {
    Object.defineProperty(p.target, p.key, { configurable: true, writable: true, value: p.original });
  }
}

/** Elements visited while `fn` runs (awaited when it returns a promise), with its result. */
async function countWork<T>(fn: () => T | Promise<T>): Promise<{ work: number; result: T }> {
  const patches = install();
  visited = 0;
  try {
    const result = await fn();
    return { work: visited, result };
  } finally {
    uninstall(patches);
  }
}

/**
 * How the work grows from `n` to `factor * n` items: about `factor` when linear (or n log n), about
 * `factor` squared when quadratic. `make` builds the input outside the counted region.
 */
export async function workGrowth<I>(
  n: number,
  factor: number,
  make: (n: number) => I,
  run: (input: I) => unknown,
): Promise<number> {
  const small = make(n);
  const big = make(n * factor);
  const a = await countWork(() => run(small));
  const b = await countWork(() => run(big));
  return b.work / Math.max(1, a.work);
}
