import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { emittedKinds } from '../../test/helpers/collector-facts.ts';
import { COLLECTORS } from './registry.ts';
import type { FileCollector, FileInput } from './types.ts';

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

/** `{a,b}` alternatives, each in full. */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  let close = open;
  const cuts: number[] = [];
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) {
      close = i;
      break;
    } else if (glob[i] === ',' && depth === 1) cuts.push(i);
  }
  const bounds = [open, ...cuts, close];
  const options = bounds.slice(1).map((end, i) => glob.slice(bounds[i]! + 1, end));
  return options.flatMap((o) => expandBraces(glob.slice(0, open) + o + glob.slice(close + 1)));
}

/** Paths a glob names: each alternative, at the root and in a folder, `*` as `x`, `[ab]` as `a`. */
function examplesOf(glob: string): string[] {
  return expandBraces(glob).flatMap((g) => {
    const body = g.replace(/\[!?(.)[^\]]*\]/g, '$1').replace(/\*\*\//g, '\0');
    const named = body.replace(/\*/g, 'x').replace(/\?/g, 'x');
    return named.includes('\0') ? [named.replace(/\0/g, ''), named.replace(/\0/g, 'svc/')] : [named];
  });
}

const EXAMPLES = [...new Set(COLLECTORS.flatMap((c) => c.files.flatMap(examplesOf)))];

describe.each(COLLECTORS.map((c) => [c.id, c] as const))('%s declares', (_id, collector) => {
  it('what it emits, the files it reads and its specification', () => {
    expect(collector.emits.length).toBeGreaterThan(0);
    expect(new Set(collector.emits).size).toBe(collector.emits.length);
    expect(collector.files.length).toBeGreaterThan(0);
    expect(new URL(collector.spec).protocol).toBe('https:');
  });

  it('file patterns that each name paths it reads', () => {
    for (const glob of collector.files) {
      const examples = examplesOf(glob);
      expect(examples.length, glob).toBeGreaterThan(0);
      for (const path of examples) expect(collector.matches(path), `${glob}: ${path}`).toBe(true);
    }
  });

  it('file patterns that name every path it reads among all collectors’ patterns', () => {
    for (const path of EXAMPLES.filter((p) => collector.matches(p))) {
      expect(
        collector.files.some((glob) => matchesGlob(path, glob)),
        path,
      ).toBe(true);
    }
  });

  it('exactly the kinds it emits on its own fixtures', () => {
    const fixtures = fixturesOf(collector);
    expect(fixtures.length).toBeGreaterThan(0);
    const emitted = new Set(
      emittedKinds(collector.collect(fixtures.filter((f) => collector.matches(f.path)))),
    );
    // Each fixture alone under each path the patterns name (fixtures are often named apart).
    for (const { content } of fixtures) {
      for (const path of collector.files.flatMap(examplesOf)) {
        for (const kind of emittedKinds(collector.collect([{ path, content }]))) emitted.add(kind);
      }
    }
    expect([...emitted].sort()).toEqual([...collector.emits].sort());
  });
});

/** The files under a collector's `test/fixtures/collectors/<id>/` folder, with paths relative to it. */
function fixturesOf(collector: FileCollector): FileInput[] {
  const dir = join(here, '../../test/fixtures/collectors', collector.id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const full = join(d.parentPath, d.name);
      return { path: relative(dir, full), content: readFileSync(full) };
    });
}
