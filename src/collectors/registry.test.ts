import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { COLLECTORS } from './registry.ts';

const here = import.meta.dirname;

test('every collector folder is registered, under its folder name, once', () => {
  const folders = readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
  const ids = COLLECTORS.map((c) => c.id);
  expect([...ids].sort()).toEqual(folders);
  expect(new Set(ids).size).toBe(ids.length);
});

test('matchers are cheap and side-effect free: the same answer twice, no throw on odd paths', () => {
  const odd = ['', '/', 'a\nb', 'package.json/', '../x', 'x'.repeat(5000), 'Dockerfile', 'go.mod', 'pom.xml'];
  for (const c of COLLECTORS) {
    for (const p of odd) expect(c.matches(p)).toBe(c.matches(p));
  }
});
