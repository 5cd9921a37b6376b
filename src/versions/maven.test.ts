// Maven order: the cases of Maven 3.9's own ComparableVersionTest (maven-artifact 3.9.16), the cases
// where Maven 3.9 and Maven 4 disagree (3.9 is what `mvn` releases run), and 1,745 pairs ordered by
// ComparableVersion 3.9.16 itself on Java (test/fixtures/versions/maven.tsv).
import { describe, expect, it } from 'vitest';
import {
  ascending,
  disagreements,
  type ExpectedPair,
  readPairs,
} from '../../test/fixtures/versions/reference-pairs.ts';
import { canonicalMaven, compareMaven } from './maven.ts';

const VERSIONS_QUALIFIER = [
  ...[
    '1-alpha2snapshot',
    '1-alpha2',
    '1-alpha-123',
    '1-beta-2',
    '1-beta123',
    '1-m2',
    '1-m11',
    '1-rc',
    '1-cr2',
  ],
  ...['1-rc123', '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot'],
  ...['1-1', '1-2', '1-123'],
];
const VERSIONS_NUMBER = [
  ...[
    '2.0',
    '2.0.a',
    '2-1',
    '2.0.2',
    '2.0.123',
    '2.1.0',
    '2.1-a',
    '2.1b',
    '2.1-c',
    '2.1-1',
    '2.1.0.1',
    '2.2',
  ],
  ...['2.123', '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m'],
];
const EQUAL: [string, string][] = [
  ['1', '1'],
  ['1', '1.0'],
  ['1', '1.0.0'],
  ['1.0', '1.0.0'],
  ['1', '1-0'],
  ['1', '1.0-0'],
  ['1.0', '1.0-0'],
  ['1a', '1-a'],
  ['1a', '1.0-a'],
  ['1a', '1.0.0-a'],
  ['1.0a', '1-a'],
  ['1.0.0a', '1-a'],
  ['1x', '1-x'],
  ['1x', '1.0-x'],
  ['1x', '1.0.0-x'],
  ['1.0x', '1-x'],
  ['1.0.0x', '1-x'],
  ['1ga', '1'],
  ['1release', '1'],
  ['1final', '1'],
  ['1cr', '1rc'],
  ['1a1', '1-alpha-1'],
  ['1b2', '1-beta-2'],
  ['1m3', '1-milestone-3'],
  ['1X', '1x'],
  ['1A', '1a'],
  ['1B', '1b'],
  ['1M', '1m'],
  ['1Ga', '1'],
  ['1GA', '1'],
  ['1RELEASE', '1'],
  ['1RELeaSE', '1'],
  ['1Final', '1'],
  ['1FinaL', '1'],
  ['1FINAL', '1'],
  ['1Cr', '1Rc'],
  ['1cR', '1rC'],
  ['1m3', '1Milestone3'],
  ['1m3', '1MileStone3'],
  ['1m3', '1MILESTONE3'],
  ['1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
];
const ORDERED: [string, string][] = [
  ['1', '2'],
  ['1.5', '2'],
  ['1', '2.5'],
  ['1.0', '1.1'],
  ['1.1', '1.2'],
  ['1.0.0', '1.1'],
  ['1.0.1', '1.1'],
  ['1.1', '1.2.0'],
  ['1.0-alpha-1', '1.0'],
  ['1.0-alpha-1', '1.0-alpha-2'],
  ['1.0-alpha-1', '1.0-beta-1'],
  ['1.0-beta-1', '1.0-SNAPSHOT'],
  ['1.0-SNAPSHOT', '1.0'],
  ['1.0-alpha-1-SNAPSHOT', '1.0-alpha-1'],
  ['1.0', '1.0-1'],
  ['1.0-1', '1.0-2'],
  ['1.0.0', '1.0-1'],
  ['2.0-1', '2.0.1'],
  ['2.0.1-klm', '2.0.1-lmn'],
  ['2.0.1', '2.0.1-xyz'],
  ['2.0.1', '2.0.1-123'],
  ['2.0.1-xyz', '2.0.1-123'],
  // MNG-5568, MNG-6572, MNG-6964
  ['6.1.0rc3', '6.1.0'],
  ['6.1.0rc3', '6.1H.5-beta'],
  ['6.1.0', '6.1H.5-beta'],
  ['20190126.230843', '1234567890.12345'],
  ['1234567890.12345', '123456789012345.1H.5-beta'],
  ['123456789012345.1H.5-beta', '12345678901234567890.1H.5-beta'],
  ['20190126.230843', '12345678901234567890.1H.5-beta'],
  ['1-0.alpha', '1'],
  ['1-0.beta', '1'],
  ['1-0.alpha', '1-0.beta'],
];

const pairs = (list: [string, string][], op: '<' | '='): ExpectedPair[] =>
  list.map(([a, b]) => ({ a, op, b }));

describe('Maven version order (ComparableVersion 3.9)', () => {
  it('orders the qualifier and number lists of ComparableVersionTest', () => {
    expect(disagreements('Maven', ascending(VERSIONS_QUALIFIER))).toEqual([]);
    expect(disagreements('Maven', ascending(VERSIONS_NUMBER))).toEqual([]);
  });

  it('treats padding, separators, aliases and case as ComparableVersionTest does', () => {
    expect(disagreements('Maven', pairs(EQUAL, '='))).toEqual([]);
    for (const [a, b] of EQUAL) expect(canonicalMaven(a), `${a} ~ ${b}`).toBe(canonicalMaven(b));
  });

  it('compares the pairs of ComparableVersionTest, MNG-5568, MNG-6572 and MNG-6964', () => {
    expect(disagreements('Maven', pairs(ORDERED, '<'))).toEqual([]);
  });

  it('treats leading zeroes as the same number', () => {
    const ones = Array.from({ length: 19 }, (_, i) => `${'0'.repeat(i)}1`);
    const zeros = Array.from({ length: 19 }, (_, i) => '0'.repeat(i + 1));
    expect(disagreements('Maven', ascending([zeros, ones]))).toEqual([]);
  });

  it('orders .X1 below -X2 and makes 2-X, 2.0.X and 2.0.0.X equal (MNG-7644)', () => {
    const list: ExpectedPair[] = [];
    for (const x of ['abc', 'alpha', 'a', 'beta', 'b', 'def', 'milestone', 'm', 'RC']) {
      list.push({ a: `1.0.0.${x}1`, op: '<', b: `1.0.0-${x}2` });
      list.push({ a: `2-${x}`, op: '=', b: `2.0.${x}` }, { a: `2-${x}`, op: '=', b: `2.0.0.${x}` });
    }
    expect(disagreements('Maven', list)).toEqual([]);
  });

  it('keeps the Maven 3.9 behaviour where Maven 4 changed it', () => {
    // Same canonical form `1-1`, but compareTo says 1-1 > 1-ga-1: the POM reference's "1-ga-1 = 1-1"
    // (which osv.dev follows) is not what ComparableVersion does in 3.9 or in 4.
    expect(canonicalMaven('1-ga-1')).toBe('1-1');
    const list: ExpectedPair[] = [
      { a: '1-ga-1', op: '<', b: '1-1' },
      { a: '1', op: '<', b: '1-ga-1' },
      { a: '1-sp-1', op: '<', b: '1-ga-1' },
      { a: '1-final-1', op: '<', b: '1-1' },
      { a: '1-0.ga', op: '=', b: '1.ga' },
      { a: '1-0.ga', op: '<', b: '1-sp' },
      { a: '1.0-sp1-redhat', op: '<', b: '1.0.final-redhat' },
      { a: '1.0.0.RC1', op: '=', b: '1.0.0-RC1' },
      { a: '1.0.RC2', op: '<', b: '1.0-RC3' },
      { a: '1.0-RC3', op: '<', b: '1.0.1' },
      { a: '1', op: '<', b: '1-sp' },
      { a: '1.0-SNAPSHOT', op: '<', b: '1.0' },
    ];
    expect(disagreements('Maven', list)).toEqual([]);
    expect(canonicalMaven('1a1')).toBe('1-alpha-1');
    expect(canonicalMaven('1.0.0.RC1')).toBe('1-rc-1');
  });

  it("keeps Maven 3.9's cycle on a qualifier after a dot followed by a dash", () => {
    // ComparableVersion 3.9.16 on Java: 1 < 1.a-1 < 1-alpha-1 < 1 (Maven 4 makes 1.a-1 = 1-alpha-1).
    const list: ExpectedPair[] = [
      { a: '1', op: '<', b: '1.a-1' },
      { a: '1.a-1', op: '<', b: '1-alpha-1' },
      { a: '1-alpha-1', op: '<', b: '1' },
    ];
    expect(disagreements('Maven', list)).toEqual([]);
  });

  it("keeps Maven's cycle on a release alias followed by a qualifier", () => {
    // mvn 3.8.7's ComparableVersion on Java: 1-final-alpha is [1, [[alpha]]] (the alias dropped):
    // 1-final-alpha < 1.0 < 1-sp1 < 1-final-alpha.
    const list: ExpectedPair[] = [
      { a: '1-final-alpha', op: '<', b: '1.0' },
      { a: '1.0', op: '<', b: '1-sp1' },
      { a: '1-sp1', op: '<', b: '1-final-alpha' },
    ];
    expect(disagreements('Maven', list)).toEqual([]);
  });

  it('reads Unicode digits as digits and numbers of any length exactly', () => {
    const list: ExpectedPair[] = [
      { a: '\u0663', op: '=', b: '3' },
      { a: '1-\u0663', op: '=', b: '1-3' },
      { a: '\u0668', op: '<', b: '9' },
      { a: 'é', op: '<', b: '1' },
      { a: 'zebra', op: '<', b: 'ζέβρα' },
      { a: '2147483647', op: '<', b: '2147483648' },
      { a: '9223372036854775807', op: '<', b: '9223372036854775808' },
      { a: '1.2.99999999999999999999', op: '<', b: '1.2.100000000000000000000' },
    ];
    expect(disagreements('Maven', list)).toEqual([]);
    expect(compareMaven('1.a', '1.A')).toBe(0);
  });

  it('reads qualifiers named like JavaScript object members as plain text', () => {
    const list = ascending([
      '1-__proto__',
      '1-constructor',
      '1-constructos',
      '1-hasownproperty',
      '1-tostring',
    ]);
    expect(disagreements('Maven', list)).toEqual([]);
    expect(canonicalMaven('1-constructor')).toBe('1-constructor');
  });

  it('agrees with ComparableVersion 3.9.16 on 1,745 pairs (OSV Maven versions, generated ones)', () => {
    const list = readPairs('maven.tsv');
    expect(list.length).toBeGreaterThan(1700);
    expect(disagreements('Maven', list)).toEqual([]);
  });
});
