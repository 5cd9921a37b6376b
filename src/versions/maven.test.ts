// Cases from Maven's own ComparableVersionTest (maven-artifact), run against the port.
import { describe, expect, it } from 'vitest';
import { canonicalMaven, compareMaven } from './maven.ts';

const QUALIFIER_ORDER = [
  '1-alpha2snapshot',
  '1-alpha2',
  '1-alpha-123',
  '1-beta-2',
  '1-beta123',
  '1-m2',
  '1-m11',
  '1-rc',
  '1-cr2',
  '1-rc123',
  '1-SNAPSHOT',
  '1',
  '1-sp',
  '1-sp2',
  '1-sp123',
  '1-abc',
  '1-def',
  '1-pom-1',
  '1-1-snapshot',
  '1-1',
  '1-2',
  '1-123',
];
const NUMBER_ORDER = [
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
  '2.123',
  '11.a2',
  '11.a11',
  '11.b2',
  '11.b11',
  '11.m2',
  '11.m11',
  '11',
  '11.a',
  '11b',
  '11c',
  '11m',
];

function expectCanonicalStable(v: string): void {
  const canonical = canonicalMaven(v);
  expect(canonicalMaven(canonical), `canonical(${v})`).toBe(canonical);
}

function expectOrdered(list: string[]): void {
  for (const v of list) expectCanonicalStable(v);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      expect(compareMaven(list[i]!, list[j]!), `${list[i]} < ${list[j]}`).toBe(-1);
      expect(compareMaven(list[j]!, list[i]!), `${list[j]} > ${list[i]}`).toBe(1);
    }
  }
}

function expectEqual(a: string, b: string): void {
  expect(compareMaven(a, b), `${a} == ${b}`).toBe(0);
  expect(compareMaven(b, a), `${b} == ${a}`).toBe(0);
  expect(canonicalMaven(a)).toBe(canonicalMaven(b));
}

describe('Maven ComparableVersion port', () => {
  it('orders qualifiers', () => expectOrdered(QUALIFIER_ORDER));
  it('orders numbers', () => expectOrdered(NUMBER_ORDER));

  it('treats padding, separators, aliases and case as equal', () => {
    const pairs: [string, string][] = [
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
      ['1cr', '1rc'],
      ['1a1', '1-alpha-1'],
      ['1b2', '1-beta-2'],
      ['1m3', '1-milestone-3'],
      ['1X', '1x'],
      ['1A', '1a'],
      ['1B', '1b'],
      ['1M', '1m'],
      ['1Cr', '1Rc'],
      ['1cR', '1rC'],
      ['1m3', '1Milestone3'],
      ['1m3', '1MileStone3'],
      ['1m3', '1MILESTONE3'],
      ['1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
    ];
    for (const [a, b] of pairs) expectEqual(a, b);
  });

  it('gives release qualifiers the same order as no qualifier', () => {
    for (const v of ['1ga', '1release', '1final', '1Ga', '1GA', '1RELEASE', '1RELeaSE', '1Final', '1FINAL']) {
      expect(compareMaven(v, '1'), v).toBe(0);
    }
  });

  it('compares versions pairwise', () => {
    const pairs: [string, string][] = [
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
      ['0.7', '2'],
      ['0.2', '1.0.7'],
      ['6.1.0rc3', '6.1.0'],
      ['6.1.0rc3', '6.1H.5-beta'],
      ['6.1.0', '6.1H.5-beta'],
      ['20190126.230843', '1234567890.12345'],
      ['1234567890.12345', '123456789012345.1H.5-beta'],
      ['123456789012345.1H.5-beta', '12345678901234567890.1H.5-beta'],
      ['1-0.alpha', '1'],
      ['1-0.beta', '1'],
      ['1-0.alpha', '1-0.beta'],
      ['1.0.final-redhat', '1.0-sp1-redhat'],
      ['1.0.final-redhat', '1.0-sp-1-redhat'],
      ['1.0.final-redhat', '1.0-sp.1-redhat'],
      ['aardvark', 'zebra'],
      ['zebra', 'ζέβρα'],
    ];
    for (const [a, b] of pairs) {
      expect(compareMaven(a, b), `${a} < ${b}`).toBe(-1);
      expect(compareMaven(b, a), `${b} > ${a}`).toBe(1);
    }
  });

  it('puts digits above letters and non-ASCII digits', () => {
    for (const other of ['é', '\u{1D7E4}', '\u0668', 'J', 'c']) expect(compareMaven('1', other)).toBe(1);
    expect(compareMaven('9', '\u0668')).toBe(1);
    expect(compareMaven('1.a', '1.A')).toBe(0);
    expect(compareMaven('1.é', '1.É')).toBe(0);
  });

  it('treats leading zeroes as the same number', () => {
    const ones = Array.from({ length: 19 }, (_, i) => `${'0'.repeat(i)}1`);
    const zeros = Array.from({ length: 19 }, (_, i) => '0'.repeat(i + 1));
    for (const group of [ones, zeros]) for (const v of group) expectEqual(v, group[0]!);
  });

  it('gives canonical forms (MNG-7700)', () => {
    for (const v of ['0.x', '0-x', '0.rc', '0-1']) expectCanonicalStable(v);
    expect(canonicalMaven('0.x')).toBe('x');
    expect(canonicalMaven('0.2')).toBe('0.2');
    expect(canonicalMaven('1a1')).toBe('1-alpha1');
  });

  it('orders .X1 below -X2 and makes 2-X, 2.0.X, 2.0.0.X equal (MNG-7644)', () => {
    for (const x of ['abc', 'alpha', 'a', 'beta', 'b', 'def', 'milestone', 'm', 'RC']) {
      expect(compareMaven(`1.0.0.${x}1`, `1.0.0-${x}2`)).toBe(-1);
      expectEqual(`2-${x}`, `2.0.${x}`);
      expectEqual(`2-${x}`, `2.0.0.${x}`);
      expectEqual(`2.0.${x}`, `2.0.0.${x}`);
    }
  });
});
