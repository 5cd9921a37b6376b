// Properties every ecosystem's order must have on generated versions: a version equals itself, the
// order is antisymmetric and transitive (equal versions compare alike against a third); numbers of any
// length compare by value; and where a maintained library implements the same rules (`semver` for
// SemVer, `@renovatebot/pep440` for PEP 440), the same order as that library within its safe numbers.
import { compare as pep440Compare } from '@renovatebot/pep440';
import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { compareVersions, isValidVersion } from './index.ts';
import { isPep440 } from './pypi.ts';

const pick = (...tokens: string[]): fc.Arbitrary<string> => fc.constantFrom(...tokens);
const joined = (part: fc.Arbitrary<string>, max: number): fc.Arbitrary<string> =>
  fc.array(part, { minLength: 1, maxLength: max }).map((parts) => parts.join(''));
const NUM = pick('0', '1', '2', '9', '10', '01', '99999999999999999999');

/** PEP 440 versions in their many spellings: `1!2.0-RC.1.post-2.dev_3+Abc.7`. */
const PEP440 = fc
  .tuple(
    fc.option(pick('0!', '1!', '01!')),
    fc.array(pick('0', '1', '2', '10', '01'), { minLength: 1, maxLength: 4 }),
    fc.option(
      fc.tuple(
        pick('', '.', '-', '_'),
        pick('a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview', 'RC'),
        pick('', '0', '1', '.2', '-10'),
      ),
    ),
    fc.option(pick('.post1', '-1', 'post', '.r2', '-rev', 'POST3')),
    fc.option(pick('.dev0', 'dev', '-dev2', '_DEV10')),
    fc.option(pick('+abc', '+1', '+1.abc', '+Abc-7', '+0.1_2')),
  )
  .map(([epoch, release, pre, post, dev, local]) =>
    [epoch ?? '', release.join('.'), pre ? pre.join('') : '', post ?? '', dev ?? '', local ?? ''].join(''),
  );

/** Versions of the shapes each ecosystem meets, valid or not (invalid ones are skipped). */
const GENERATORS: Record<string, fc.Arbitrary<string>> = {
  npm: fc
    .tuple(NUM, NUM, NUM, fc.array(pick('alpha', 'beta', '1', '0', '10', 'a-1', 'rc'), { maxLength: 3 }))
    .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre.length > 0 ? `-${pre.join('.')}` : ''}`),
  Go: fc
    .tuple(
      pick('', 'v'),
      NUM,
      fc.option(NUM),
      fc.array(pick('pre', '1', '0', '20191109021931-daa7c04131f5'), { maxLength: 2 }),
    )
    .map(([v, a, b, pre]) => `${v}${a}.${b ?? '0'}.0${pre.length > 0 ? `-${pre.join('.')}` : ''}`),
  PyPI: fc.oneof(
    PEP440,
    joined(
      pick(
        '1',
        '0',
        '2',
        '10',
        '.',
        '.',
        '-',
        '_',
        'a',
        'b',
        'rc',
        'c',
        'pre',
        'post',
        'dev',
        'r',
        '!',
        '+',
        'x',
        'final',
        'v',
      ),
      7,
    ),
  ),
  // Maven's own order is not transitive on every text (3.9: `1` < `1.a-1` < `1-alpha-1` < `1`, see
  // maven.test.ts), so versions here have Maven's documented shape: numbers, then `-` qualifiers, a
  // release alias (`ga`, `final`) only last (`1-final-alpha` < `1.0` < `1-sp1` < `1-final-alpha` in
  // Maven itself: the alias is dropped, leaving a sub-list where a qualifier stood).
  Maven: fc
    .tuple(
      fc.array(NUM, { minLength: 1, maxLength: 3 }),
      fc.array(
        pick(
          'alpha',
          'a1',
          'beta-2',
          'b2',
          'm3',
          'rc',
          'RC1',
          'cr2',
          'SNAPSHOT',
          'ga',
          'final',
          'sp',
          'sp1',
          'redhat',
          '1',
          '2',
        ),
        { maxLength: 3 },
      ),
    )
    .filter(([, qualifiers]) => !qualifiers.slice(0, -1).some((q) => q === 'ga' || q === 'final'))
    .map(([numbers, qualifiers]) => [numbers.join('.'), ...qualifiers].join('-')),
  RubyGems: fc
    .tuple(NUM, joined(pick('1', '0', '2', '10', '.', '.', '-', 'a', 'b', 'pre', 'rc', 'beta'), 6))
    .map(([head, tail]) => head + tail),
  Packagist: fc
    .tuple(
      pick('', 'v', 'dev-'),
      NUM,
      joined(
        pick(
          '1',
          '0',
          '2',
          '.',
          '.',
          '-',
          '_',
          'a',
          'b',
          'alpha',
          'beta',
          'RC',
          'rc',
          'p',
          'pl',
          'patch',
          'dev',
          'stable',
          'x',
        ),
        6,
      ),
    )
    .map(([prefix, head, tail]) => prefix + head + tail),
  NuGet: fc
    .tuple(
      fc.array(NUM, { minLength: 1, maxLength: 4 }),
      fc.array(pick('alpha', 'BETA', 'beta', '1', '01', '10', 'rc-1'), { maxLength: 3 }),
    )
    .map(([parts, labels]) => `${parts.join('.')}${labels.length > 0 ? `-${labels.join('.')}` : ''}`),
};

function valid(ecosystem: string): fc.Arbitrary<string> {
  return GENERATORS[ecosystem]!.filter((v) => isValidVersion(ecosystem, v));
}

const RUNS = { numRuns: 3000 };

describe('version order properties', () => {
  for (const ecosystem of Object.keys(GENERATORS)) {
    it(`${ecosystem}: reflexive, antisymmetric and transitive`, () => {
      const v = valid(ecosystem);
      const cmp = (a: string, b: string): number => compareVersions(ecosystem, a, b);
      fc.assert(
        fc.property(v, v, v, (a, b, c) => {
          expect(cmp(a, a)).toBe(0);
          expect(cmp(a, b)).toBe(-cmp(b, a) || 0);
          if (cmp(a, b) <= 0 && cmp(b, c) <= 0) expect(cmp(a, c)).toBeLessThanOrEqual(0);
          if (cmp(a, b) === 0) expect(cmp(a, c)).toBe(cmp(b, c));
        }),
        RUNS,
      );
    });
  }

  it('every ecosystem orders numbers of any length by value', () => {
    const big = fc.bigInt({ min: 0n, max: 10n ** 40n });
    fc.assert(
      fc.property(big, big, (x, y) => {
        const expected = x < y ? -1 : x > y ? 1 : 0;
        for (const ecosystem of Object.keys(GENERATORS)) {
          expect(compareVersions(ecosystem, `1.${x}.0`, `1.${y}.0`), ecosystem).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('npm orders as the semver package wherever it reads the versions', () => {
    fc.assert(
      fc.property(valid('npm'), valid('npm'), (a, b) => {
        fc.pre(semver.valid(a) !== null && semver.valid(b) !== null && !/\d{16}/.test(a + b));
        expect(compareVersions('npm', a, b)).toBe(semver.compare(a, b));
      }),
      RUNS,
    );
  });

  it('PEP 440 versions order as @renovatebot/pep440 within its safe numbers', () => {
    fc.assert(
      fc.property(PEP440, PEP440, (a, b) => {
        expect(isPep440(a) && isPep440(b)).toBe(true);
        expect(compareVersions('PyPI', a, b)).toBe(Math.sign(pep440Compare(a, b)));
      }),
      RUNS,
    );
  });
});
