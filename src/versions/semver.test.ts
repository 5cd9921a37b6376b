// SemVer order for npm, crates.io and Go: node-semver's own fixtures (comparisons, valid and invalid
// versions), golang.org/x/mod/semver's test list, osv-scalibr's semver cases, and 1,000 pairs ordered by
// golang.org/x/mod/semver itself (test/fixtures/versions/go.tsv).
import { describe, expect, it } from 'vitest';
import {
  ascending,
  disagreements,
  type ExpectedPair,
  readPairs,
} from '../../test/fixtures/versions/reference-pairs.ts';
import { isGoPseudoVersion } from './go.ts';
import { compareVersions, isValidVersion } from './index.ts';

const SEMVER_ECOSYSTEMS = ['npm', 'crates.io', 'Go'];

// node-semver test/fixtures/comparisons.js: the first is greater than the second.
const COMPARISONS: [string, string][] = [
  ['0.0.0', '0.0.0-foo'],
  ['0.0.1', '0.0.0'],
  ['1.0.0', '0.9.9'],
  ['0.10.0', '0.9.0'],
  ['0.99.0', '0.10.0'],
  ['2.0.0', '1.2.3'],
  ['v0.0.0', '0.0.0-foo'],
  ['v0.0.1', '0.0.0'],
  ['v1.0.0', '0.9.9'],
  ['v0.10.0', '0.9.0'],
  ['v0.99.0', '0.10.0'],
  ['v2.0.0', '1.2.3'],
  ['0.0.0', 'v0.0.0-foo'],
  ['0.0.1', 'v0.0.0'],
  ['1.0.0', 'v0.9.9'],
  ['0.10.0', 'v0.9.0'],
  ['0.99.0', 'v0.10.0'],
  ['2.0.0', 'v1.2.3'],
  ['1.2.3', '1.2.3-asdf'],
  ['1.2.3', '1.2.3-4'],
  ['1.2.3', '1.2.3-4-foo'],
  ['1.2.3-5-foo', '1.2.3-5'],
  ['1.2.3-5', '1.2.3-4'],
  ['1.2.3-5-foo', '1.2.3-5-Foo'],
  ['3.0.0', '2.7.2+asdf'],
  ['1.2.3-a.10', '1.2.3-a.5'],
  ['1.2.3-a.b', '1.2.3-a.5'],
  ['1.2.3-a.b', '1.2.3-a'],
  ['1.2.3-a.b.c.10.d.5', '1.2.3-a.b.c.5.d.100'],
  ['1.2.3-r2', '1.2.3-r100'],
  ['1.2.3-r100', '1.2.3-R2'],
];
// node-semver test/fixtures/valid-versions.js
const VALID = [
  ...['1.0.0', '2.1.0', '3.2.1', 'v1.2.3', '1.2.3-0', '1.2.3-123', '1.2.3-1.2.3', '1.2.3-1a', '1.2.3-a1'],
  ...['1.2.3-alpha', '1.2.3-alpha.1', '1.2.3-alpha-1', '1.2.3-alpha-.-beta', '1.2.3+456', '1.2.3+build'],
  ...['1.2.3+new-build', '1.2.3+build.1', '1.2.3+build.1a', '1.2.3+build.a1', '1.2.3+build.alpha'],
  ...['1.2.3+build.alpha.beta', '1.2.3-alpha+build'],
];
// golang.org/x/mod/semver semver_test.go `tests`, in order (same canonical form = equal).
const GO_ORDER: (string | string[])[] = [
  ...[
    'v1.0.0-alpha',
    'v1.0.0-alpha.1',
    'v1.0.0-alpha.beta',
    'v1.0.0-beta',
    'v1.0.0-beta.2',
    'v1.0.0-beta.11',
  ],
  'v1.0.0-rc.1',
  ['v1', 'v1.0', 'v1.0.0'],
  ['v1.2', 'v1.2.0'],
  ...['v1.2.3-456', 'v1.2.3-456.789', 'v1.2.3-456-789', 'v1.2.3-456a'],
  ['v1.2.3-pre', 'v1.2.3-pre+meta'],
  ...['v1.2.3-pre.1', 'v1.2.3-zzz'],
  ['v1.2.3', 'v1.2.3+meta', 'v1.2.3+meta-pre', 'v1.2.3+meta-pre.sha.256a'],
];
const GO_INVALID = [
  'bad',
  'v1-alpha.beta.gamma',
  'v1-pre',
  'v1+meta',
  'v1-pre+meta',
  'v1.2-pre',
  'v1.2+meta',
];

describe('SemVer version order (npm, crates.io, Go)', () => {
  it("orders node-semver's comparison fixtures", () => {
    const list: ExpectedPair[] = COMPARISONS.map(([a, b]) => ({ a, op: '>', b }));
    for (const ecosystem of SEMVER_ECOSYSTEMS) expect(disagreements(ecosystem, list), ecosystem).toEqual([]);
  });

  it("reads node-semver's valid versions and refuses its invalid ones", () => {
    for (const ecosystem of SEMVER_ECOSYSTEMS) {
      for (const v of VALID) expect(isValidVersion(ecosystem, v), `${ecosystem} ${v}`).toBe(true);
      for (const v of [
        'hello, world',
        'xyz',
        `${'1'.repeat(256)}.0.0`,
        '1.2.3-01',
        '01.2.3',
        '1.2.3-a..b',
        '=1.2.3',
      ]) {
        expect(isValidVersion(ecosystem, v), `${ecosystem} ${v}`).toBe(false);
      }
    }
    expect(isValidVersion('npm', '1.0')).toBe(false);
    expect(isValidVersion('Go', '1.0')).toBe(true);
  });

  it("orders golang.org/x/mod/semver's test list and refuses its invalid versions", () => {
    expect(disagreements('Go', ascending(GO_ORDER))).toEqual([]);
    for (const v of GO_INVALID) expect(isValidVersion('Go', v), v).toBe(false);
    expect(compareVersions('Go', '1.2.3', 'v1.2.3')).toBe(0);
    expect(compareVersions('Go', 'v2.0.0+incompatible', 'v2.0.0')).toBe(0);
    expect(isGoPseudoVersion('v1.2.4-0.20191109021931-daa7c04131f5')).toBe(true);
    expect(isGoPseudoVersion('v1.2.4')).toBe(false);
  });

  it('compares numbers of any length exactly (the semver package stops at 2^53)', () => {
    const list: ExpectedPair[] = [
      { a: '1.2.99999999999999999999', op: '<', b: '1.2.100000000000000000000' },
      { a: '999999999999999999999999999991.0.0', op: '<', b: '999999999999999999999999999999.0.0' },
      { a: '9007199254740992.0.0', op: '<', b: '9007199254740993.0.0' },
      { a: '1.0.0-9007199254740992', op: '<', b: '1.0.0-9007199254740993' },
      { a: '1.0.0-99999999999999999999', op: '<', b: '1.0.0-100000000000000000000' },
      { a: '1.0.0-alpha.9007199254740992', op: '<', b: '1.0.0-alpha.9007199254740993' },
    ];
    for (const ecosystem of SEMVER_ECOSYSTEMS) expect(disagreements(ecosystem, list), ecosystem).toEqual([]);
  });

  it('agrees with golang.org/x/mod/semver on 1,000 pairs (OSV Go, npm and crates.io versions, generated ones)', () => {
    const list = readPairs('go.tsv');
    expect(list.length).toBeGreaterThan(900);
    expect(disagreements('Go', list)).toEqual([]);
    const full = list.filter(({ a, b }) => isValidVersion('npm', a) && isValidVersion('npm', b));
    expect(full.length).toBeGreaterThan(500);
    expect(disagreements('npm', full)).toEqual([]);
  });
});
