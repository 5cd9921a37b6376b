// RubyGems order: the cases of RubyGems' own test_gem_version.rb, osv-scalibr's RubyGems cases (`1beta`),
// and 1,500 pairs ordered by Gem::Version itself (test/fixtures/versions/rubygems.tsv).
import { describe, expect, it } from 'vitest';
import { disagreements, type ExpectedPair, readPairs } from '../../test/fixtures/versions/reference-pairs.ts';
import { compareVersions, isValidVersion } from './index.ts';
import { isRubyGemsPrerelease } from './rubygems.ts';

describe('RubyGems version order (Gem::Version)', () => {
  it("orders test_gem_version.rb's spaceship, semver and equality cases", () => {
    const list: ExpectedPair[] = [
      { a: '1.0', op: '=', b: '1.0.0' },
      { a: '1.0', op: '>', b: '1.0.a' },
      { a: '1.8.2', op: '>', b: '0.0.0' },
      { a: '1.8.2', op: '>', b: '1.8.2.a' },
      { a: '1.8.2.b', op: '>', b: '1.8.2.a' },
      { a: '1.8.2.a', op: '<', b: '1.8.2' },
      { a: '1.8.2.a10', op: '>', b: '1.8.2.a9' },
      { a: '0.beta.1', op: '=', b: '0.0.beta.1' },
      { a: '0.0.beta', op: '<', b: '0.0.beta.1' },
      { a: '0.0.beta', op: '<', b: '0.beta.1' },
      { a: '5.a', op: '<', b: '5.0.0.rc2' },
      { a: '5.x', op: '>', b: '5.0.0.rc2' },
      { a: '1.9.3', op: '>', b: '1.9.2.99' },
      { a: '1.9.3', op: '<', b: '1.9.3.1' },
      { a: '1.0.0-alpha', op: '<', b: '1.0.0-alpha.1' },
      { a: '1.0.0-alpha.1', op: '<', b: '1.0.0-beta.2' },
      { a: '1.0.0-beta.2', op: '<', b: '1.0.0-beta.11' },
      { a: '1.0.0-beta.11', op: '<', b: '1.0.0-rc.1' },
      { a: '1.0.0-rc1', op: '<', b: '1.0.0' },
      { a: '1.0.0-1', op: '<', b: '1' },
      { a: '1.2.b1', op: '=', b: '1.2.b.1' },
      { a: '1.2.pre.1', op: '=', b: '1.2.0.pre.1.0' },
      { a: '1.2.3-1', op: '=', b: '1.2.3.pre.1' },
      { a: '1.0.0.a.1.0', op: '=', b: '1.a.1' },
      { a: '1.0', op: '=', b: ' 1.0 ' },
      { a: '1.0', op: '=', b: '\n1.0\n' },
    ];
    expect(disagreements('RubyGems', list)).toEqual([]);
  });

  it('reads letters right after the first number (`1beta`) as osv.dev does: a prerelease', () => {
    const list: ExpectedPair[] = [
      { a: '1beta', op: '<', b: '1' },
      { a: '1gamma', op: '<', b: '1' },
      { a: '1beta', op: '<', b: '1gamma' },
      { a: '1beta', op: '=', b: '1.beta' },
      { a: '1beta2', op: '=', b: '1.beta.2' },
      { a: '0.9', op: '<', b: '1beta' },
      { a: '1.2.4.beta', op: '<', b: '1.2.4' },
      { a: '1.0.a.9', op: '<', b: '1.0.a10' },
      { a: '1.0.a2', op: '=', b: '1.0.a.2' },
      { a: '1.0.b1', op: '<', b: '1.0' },
      { a: '1.0.g1', op: '<', b: '1.0' },
    ];
    expect(disagreements('RubyGems', list)).toEqual([]);
    expect(isRubyGemsPrerelease('1beta')).toBe(true);
    expect(isRubyGemsPrerelease('1-1')).toBe(true);
    expect(isRubyGemsPrerelease('1.2.0')).toBe(false);
  });

  it("refuses test_gem_version.rb's malformed versions", () => {
    const invalid = [
      'junk',
      '1.0\n2.0',
      '1..2',
      '1.2 3.4',
      '2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e.',
    ];
    for (const v of invalid) expect(isValidVersion('RubyGems', v), JSON.stringify(v)).toBe(false);
    expect(isValidVersion('RubyGems', '')).toBe(false);
  });

  it('compares numbers of any length exactly', () => {
    const list: ExpectedPair[] = [
      { a: '999999999999999999999999999991', op: '<', b: '999999999999999999999999999999' },
      { a: '1.2.99999999999999999999', op: '<', b: '1.2.100000000000000000000' },
      { a: '1.2.9007199254740992', op: '<', b: '1.2.9007199254740993' },
      { a: '1.0.a9007199254740992', op: '<', b: '1.0.a9007199254740993' },
    ];
    expect(disagreements('RubyGems', list)).toEqual([]);
    expect(compareVersions('RubyGems', '1.0.00000000000000000000000001', '1.0.1')).toBe(0);
  });

  it('agrees with Gem::Version on 1,500 pairs (OSV RubyGems versions, generated ones)', () => {
    const list = readPairs('rubygems.tsv');
    expect(list.length).toBeGreaterThan(1400);
    expect(disagreements('RubyGems', list)).toEqual([]);
  });
});
