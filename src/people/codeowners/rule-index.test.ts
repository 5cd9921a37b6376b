import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workGrowth } from '../../../test/helpers/work-counter.ts';
import { checkPattern, compilePattern } from './pattern.ts';
import { indexRules } from './rule-index.ts';

/** Testing every matcher from the last rule up: what the index must agree with. */
function lastByScan(patterns: readonly string[], path: string): number {
  return patterns.map(compilePattern).findLastIndex((m) => m(path));
}

const segment = fc.constantFrom('a', 'b', 'src', 'a.md', 'x.ts', 'docs', '.github', 'a b', 'é');
const globSegment = fc.oneof(segment, fc.constantFrom('*', '**', '*.md', 'a*', '?', 'x.?s', 's*c'));
const pattern = fc
  .tuple(
    fc.boolean(),
    fc.array(globSegment, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('', '/', '//', '/*', '/**'),
  )
  .map(([lead, parts, tail]) => `${lead ? '/' : ''}${parts.join('/')}${tail}`)
  .filter((p) => checkPattern(p) === null);
const path = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '', '', '\nx'))
  .map(([parts, odd]) => `${parts.join('/')}${odd}`);

describe('indexRules', () => {
  it('finds the same last matching rule as testing every rule', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { maxLength: 12 }),
        fc.array(path, { minLength: 1, maxLength: 8 }),
        (ps, paths) => {
          const index = indexRules(ps);
          for (const p of paths) expect(index.lastMatch(p)).toBe(lastByScan(ps, p));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees on GitHub-style examples', () => {
    const ps = [
      '*',
      '*.js',
      '/build/logs/',
      'docs/*',
      'apps/',
      '/docs/',
      '**/logs',
      '/src/app.js',
      'util.js',
    ];
    const index = indexRules(ps);
    for (const p of [
      'README.md',
      'src/app.js',
      'src/deep/util.js',
      'docs/guide/start.md',
      'x/logs/y',
      'logs',
    ])
      expect(index.lastMatch(p)).toBe(lastByScan(ps, p));
    expect(index.lastMatch('src/deep/util.js')).toBe(8);
  });

  it('costs each path about its depth when every rule names one file', async () => {
    const make = (n: number) => ({
      patterns: Array.from({ length: n }, (_, i) => `/svc/m${i}/file${i}.ts`),
      paths: Array.from({ length: n }, (_, i) => `svc/m${i}/file${i}.ts`),
    });
    const growth = await workGrowth(1000, 4, make, ({ patterns, paths }) => {
      const index = indexRules(patterns);
      for (const p of paths) index.lastMatch(p);
    });
    expect(growth).toBeLessThan(6); // every rule tested for every path: about 16
  });
});
