// Packagist order: composer/semver's own VersionParserTest (normalisation) and ComparatorTest cases,
// and tables made with Composer itself (composer/semver 3.4.4 on PHP 8.2): 700 normalised versions
// (test/fixtures/versions/packagist-normalize.tsv) and 1,600 ordered pairs (test/fixtures/versions/packagist.tsv).
import { describe, expect, it } from 'vitest';
import {
  ascending,
  disagreements,
  type ExpectedPair,
  readColumns,
  readPairs,
} from '../../test/fixtures/versions/reference-pairs.ts';
import { isValidVersion } from './index.ts';
import { normaliseComposer, phpVersionCompare } from './packagist.ts';

// composer/semver tests/VersionParserTest.php successfulNormalizedVersions.
const NORMALISED: [string, string][] = [
  ['1.0.0', '1.0.0.0'],
  ['1.2.3.4', '1.2.3.4'],
  ['1.0.0RC1dev', '1.0.0.0-RC1-dev'],
  ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev'],
  ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'],
  ['1.0.0-rc1', '1.0.0.0-RC1'],
  ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'],
  ['1.0-dev', '1.0.0.0-dev'],
  ['0', '0.0.0.0'],
  ['99999', '99999.0.0.0'],
  ['10.4.13-beta', '10.4.13.0-beta'],
  ['10.4.13beta2', '10.4.13.0-beta2'],
  ['10.4.13beta.2', '10.4.13.0-beta2'],
  ['v1.13.11-beta.0', '1.13.11.0-beta0'],
  ['1.13.11.0-beta0', '1.13.11.0-beta0'],
  ['10.4.13-b', '10.4.13.0-beta'],
  ['10.4.13-b5', '10.4.13.0-beta5'],
  ['v1.0.0', '1.0.0.0'],
  ['2010.01', '2010.01.0.0'],
  ['2010.01.02', '2010.01.02.0'],
  ['2010.1.555', '2010.1.555.0'],
  ['2010.10.200', '2010.10.200.0'],
  ['20230131.0.0', '20230131.0.0'],
  ['202301310000.0.0', '202301310000.0.0'],
  ['v20100102', '20100102'],
  ['20100102', '20100102'],
  ['20100102.0', '20100102.0'],
  ['20100102.1.0', '20100102.1.0'],
  ['20100102.0.3', '20100102.0.3'],
  ['100000', '100000'],
  ['2010-01-02-10-20-30.0.3', '2010.01.02.10.20.30.0.3'],
  ['2010-01-02-10-20-30.5', '2010.01.02.10.20.30.5'],
  ['2010-01-02', '2010.01.02'],
  ['2012.06.07', '2012.06.07.0'],
  ['2010-01-02.5', '2010.01.02.5'],
  ['20100102-203040', '20100102.203040'],
  ['20100102.x-dev', '20100102.9999999.9999999.9999999-dev'],
  ['20100102.203040.x-dev', '20100102.203040.9999999.9999999-dev'],
  ['20100102203040-10', '20100102203040.10'],
  ['20100102-203040-p1', '20100102.203040-patch1'],
  ['201903.0', '201903.0'],
  ['201903.x-dev', '201903.9999999.9999999.9999999-dev'],
  ['201903.0-p2', '201903.0-patch2'],
  ['dev-master', 'dev-master'],
  ['master', 'dev-master'],
  ['dev-trunk', 'dev-trunk'],
  ['1.x-dev', '1.9999999.9999999.9999999-dev'],
  ['dev-feature-foo', 'dev-feature-foo'],
  ['DEV-FOOBAR', 'dev-FOOBAR'],
  ['dev-feature/foo', 'dev-feature/foo'],
  ['dev-feature+issue-1', 'dev-feature+issue-1'],
  ['dev-master as 1.0.0', 'dev-master'],
  ['dev-load-varnish-only-when-used as ^2.0', 'dev-load-varnish-only-when-used'],
  ['dev-load-varnish-only-when-used@dev as ^2.0@dev', 'dev-load-varnish-only-when-used'],
  ['1.0.0+foo@dev', '1.0.0.0'],
  ['dev-load-varnish-only-when-used@stable', 'dev-load-varnish-only-when-used'],
  ['1.0.0-beta.5+foo', '1.0.0.0-beta5'],
  ['1.0.0+foo', '1.0.0.0'],
  ['1.0.0-alpha.3.1+foo', '1.0.0.0-alpha3.1'],
  ['1.0.0-alpha2.1+foo', '1.0.0.0-alpha2.1'],
  ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'],
  ['1.0.0+foo as 2.0', '1.0.0.0'],
  ['00.01.03.04', '00.01.03.04'],
  ['000.001.003.004', '000.001.003.004'],
  ['0.000.103.204', '0.000.103.204'],
  ['0700', '0700.0.0.0'],
  ['041.x-dev', '041.9999999.9999999.9999999-dev'],
  ['dev-041.003', 'dev-041.003'],
  ['dev-1.0.0-dev<1.0.5-dev', 'dev-1.0.0-dev<1.0.5-dev'],
  ['dev-foo bar', 'dev-foo bar'],
  [' 1.0.0', '1.0.0.0'],
  ['1.0.0 ', '1.0.0.0'],
];
// failingNormalizedVersions (and the bad-alias cases).
const NOT_NORMALISED = [
  ...['', 'a', '1.0.0-meh', '1.0.0.0.0', 'feature-foo', '1.0.0+foo bar', '1.0.1-SNAPSHOT', '1.0.0<1.0.5-dev'],
  ...[
    '1.0.0-dev<1.0.5-dev',
    'foo bar-dev',
    '1.0 .2',
    ' as ',
    ' as 1.2',
    '^',
    '^8 || ^',
    '~',
    '~1 ~',
    '~1',
    '^1',
  ],
  ...['1.*', '20100102.0.3.4', '100000.0.0.0', '2023013.0.0', '202301311.0.0', '20230131000.0.0'],
  ...['2023013100000.0.0', '^2.0 as 1.0.0+foo'],
];

describe('Packagist version order (Composer)', () => {
  it("normalises as VersionParserTest's successful cases", () => {
    for (const [input, normal] of NORMALISED) expect(normaliseComposer(input), input).toBe(normal);
  });

  it("refuses VersionParserTest's failing cases", () => {
    for (const input of NOT_NORMALISED) expect(normaliseComposer(input), input).toBeNull();
  });

  it('normalises 700 versions exactly as composer/semver 3.4.4 does', () => {
    const table = readColumns('packagist-normalize.tsv');
    expect(table.length).toBeGreaterThan(600);
    const wrong = table.filter(([input, normal]) => (normaliseComposer(input) ?? '!') !== normal);
    expect(wrong).toEqual([]);
  });

  it("orders ComparatorTest's cases", () => {
    const list: ExpectedPair[] = [
      { a: '1.24.0', op: '<', b: '1.25.0' },
      { a: '1.25.0', op: '=', b: '1.25.0' },
      { a: '1.25.0', op: '<', b: '1.26.0' },
      { a: 'dev-foo', op: '<', b: '1.26.0' },
      { a: '1.0.0', op: '<', b: '1.2-dev' },
      { a: '1.25.0-beta2.1', op: '<', b: '1.25.0-b.3' },
      { a: '1.25.0-b2.1', op: '<', b: '1.25.0beta.3' },
      { a: '1.25.0-b-2.1', op: '<', b: '1.25.0-rc' },
      { a: '1.25.0-beta2.1', op: '=', b: '1.25.0-b.2.1' },
      { a: '1.25.0beta2.1', op: '=', b: '1.25.0-b2.1' },
    ];
    expect(disagreements('Packagist', list)).toEqual([]);
  });

  it('follows Composer, not version_compare on the text, where the two differ', () => {
    const list: ExpectedPair[] = [
      // v3.0 is 3.0.0.0, above its own beta: `v3.0 < v3.0.0-beta` is false for Composer
      { a: 'v3.0.0-beta', op: '<', b: 'v3.0' },
      { a: 'v4.0-alpha', op: '<', b: 'v4-beta4' },
      { a: '1.0', op: '=', b: '1.0.0' },
      { a: 'v1.9.0-ALPHA.1', op: '<', b: 'v1.9.0-BETA.1' },
      { a: '5.1.0-beta2', op: '<', b: '5.1.0-stable' },
      { a: '5.1.0-stable', op: '=', b: '5.1.0' },
      { a: '1.0.0-RC1', op: '<', b: '1.0.0' },
      { a: '1.0.0', op: '<', b: '1.0.0-p1' },
    ];
    expect(disagreements('Packagist', list)).toEqual([]);
    expect(phpVersionCompare('3.0', '3.0.0-beta')).toBe(-1);
  });

  it('orders stabilities dev < alpha < beta < RC < stable < patch, and branches below every number', () => {
    const list = ascending([
      ['dev-feature/x'],
      ['dev-main'],
      ['0.0.1'],
      ['1.0.0-dev', '1.0-dev'],
      ['1.0.0-alpha1', '1.0.0-a1', '1.0.0alpha.1'],
      ['1.0.0-beta2', '1.0-b2'],
      ['1.0.0-RC1', '1.0.0-rc1', '1.0.0RC1'],
      ['v1.0.0', '1.0', '1.0.0-stable', '1.0.0@beta', '1.0.0+build.5'],
      ['1.0.0-p1', '1.0.0-pl1', '1.0.0-patch1'],
      ['1.0.1'],
      ['1.x-dev'],
    ]);
    expect(disagreements('Packagist', list)).toEqual([]);
  });

  it('reads versions Composer cannot with version_compare, as osv.dev does', () => {
    const list = ascending(['4.3-2beta1', '4.3-2RC1', '4.3-2RC2', '4.3-2', '4.3.3']);
    expect(disagreements('Packagist', list)).toEqual([]);
    expect(isValidVersion('Packagist', '0.0.1-test1')).toBe(true);
    for (const v of ['', 'a', 'feature-foo', '^1', '1.*', '1.0 .2', '1.2.3.#', '0_._']) {
      expect(isValidVersion('Packagist', v), v).toBe(false);
    }
  });

  it('compares numbers of any length exactly', () => {
    const list: ExpectedPair[] = [
      { a: '1.2.99999999999999999999', op: '<', b: '1.2.100000000000000000000' },
      { a: '1.0.0-beta9223372036854775807', op: '<', b: '1.0.0-beta9223372036854775808' },
    ];
    expect(disagreements('Packagist', list)).toEqual([]);
  });

  it('normalises a long run of digits without exponential backtracking', () => {
    expect(normaliseComposer(`1.0-beta${'9'.repeat(60)}x`)).toBeNull();
  });

  it('agrees with Composer and version_compare on 1,600 pairs', () => {
    const list = readPairs('packagist.tsv');
    expect(list.length).toBeGreaterThan(1500);
    expect(disagreements('Packagist', list)).toEqual([]);
  });
});
