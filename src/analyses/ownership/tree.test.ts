import { expect, test } from 'vitest';
import { Tree } from './tree.ts';

const state = (blob: string) => ({ blob, origins: Int32Array.of(1, 2) });
const files = (t: Tree) => Object.fromEntries([...t.entries()].map(([p, s]) => [p, s.blob]));

test('a forked tree and its parent change apart, and share what neither changed', () => {
  const a = new Tree();
  for (let i = 0; i < 500; i++) a.set(`dir/f${i}.txt`, state(`b${i}`));
  const b = a.fork();
  a.set('dir/f1.txt', state('a-new'));
  a.delete('dir/f2.txt');
  b.set('dir/f3.txt', state('b-new'));
  b.set('added.txt', state('b-added'));
  const c = b.fork();
  c.delete('added.txt');
  expect(a.get('dir/f1.txt')?.blob).toBe('a-new');
  expect(a.has('dir/f2.txt')).toBe(false);
  expect(a.get('dir/f3.txt')?.blob).toBe('b3');
  expect(a.has('added.txt')).toBe(false);
  expect(b.get('dir/f1.txt')?.blob).toBe('b1');
  expect(b.get('dir/f2.txt')?.blob).toBe('b2');
  expect(b.get('dir/f3.txt')?.blob).toBe('b-new');
  expect(b.get('added.txt')?.blob).toBe('b-added');
  expect(c.has('added.txt')).toBe(false);
  expect(c.get('dir/f3.txt')?.blob).toBe('b-new');
  expect(Object.keys(files(a))).toHaveLength(499);
  expect(Object.keys(files(b))).toHaveLength(501);
  expect([...c.keys()].sort()).toEqual(
    Object.keys(files(b))
      .filter((p) => p !== 'added.txt')
      .sort(),
  );
  // Unchanged files are the same objects in every tree (shared, not copied).
  expect(c.get('dir/f9.txt')).toBe(a.get('dir/f9.txt'));
});

test('the paths one tree has and another lacks, shared buckets or not, as a full comparison finds them', () => {
  const base = new Tree();
  for (let i = 0; i < 3000; i++) base.set(`src/m${i}.c`, state(`b${i}`));
  const left = base.fork();
  const right = base.fork();
  for (let i = 0; i < 3000; i += 7) right.delete(`src/m${i}.c`);
  for (let i = 0; i < 40; i++) left.set(`new/l${i}.c`, state(`l${i}`));
  for (let i = 0; i < 3000; i += 11) left.delete(`src/m${i}.c`);
  right.set('src/m1.c', state('changed')); // present in both: not missing
  const full = (a: Tree, b: Tree) => [...a.keys()].filter((p) => !b.has(p)).sort();
  for (const [a, b] of [
    [left, right],
    [right, left],
    [base, left],
    [left, base],
    [base, base],
  ] as const) {
    expect([...a.pathsMissingFrom(b)].sort()).toEqual(full(a, b));
  }
  expect([...left.pathsMissingFrom(right)]).toHaveLength(40 + 429 - 39); // new files, and right's deletions left kept
  expect([...base.pathsMissingFrom(base)]).toHaveLength(0);
});
