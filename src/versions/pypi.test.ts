// PyPI order: pypa/packaging's own test tables (VERSIONS in sorted order, the normalisation cases),
// legacy versions ordered as pip did before PEP 440 (osv-scalibr's cases and the legacy versions of the
// OSV PyPI records), and 2,300 pairs ordered by packaging 21.3 itself (test/fixtures/versions/pypi.tsv).
import { describe, expect, it } from 'vitest';
import {
  ascending,
  disagreements,
  type ExpectedPair,
  readPairs,
} from '../../test/fixtures/versions/reference-pairs.ts';
import { compareVersions, isValidVersion } from './index.ts';
import { isPep440 } from './pypi.ts';

// pypa/packaging tests/test_version.py VERSIONS ("This list must be in the correct sorting order").
const PACKAGING_VERSIONS = [
  ...['1.0.dev0', '1.0.dev456', '1.0.dev456+local', '1.0a0', '1.0a0.post0.dev0', '1.0a0.post0', '1.0a1.dev1'],
  ...['1.0a1.dev1+local', '1.0a1', '1.0a1+local', '1.0b0', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456'],
  ...['1.0b2.post345', '1.0b2-346', '1.0rc0', '1.0rc1.dev1', '1.0c1', '1.0rc2', '1.0', '1.0.post0.dev0'],
  ...['1.0.post0', '1.0.post456.dev34', '1.0.post456', '1.0.post456+local', '1.0.1.dev1', '1.0.1a1', '1.0.1'],
  ...[
    '1.0.1+local',
    '1.0.1.post1',
    '1.1.dev1',
    '1.2+a',
    '1.2+abc',
    '1.2+abcdef',
    '1.2+def',
    '1.2+0',
    '1.2+1',
  ],
  ...[
    '1.2+1.abc',
    '1.2+1.1',
    '1.2+1.1.0',
    '1.2+2',
    '1.2+123',
    '1.2+123456',
    '1.2.r32+123456',
    '1.2.rev33+123456',
  ],
];
const WITH_EPOCH = [...PACKAGING_VERSIONS, ...PACKAGING_VERSIONS.map((v) => `1!${v}`)];

// pypa/packaging test_normalized_versions: each version equals its normal form.
const NORMALISED: [string, string][] = [
  ['1.0dev', '1.0.dev0'],
  ['1.0-dev1', '1.0.dev1'],
  ['1.0.DEV1', '1.0.dev1'],
  ['1.0-DEV', '1.0.dev0'],
  ['1.0a', '1.0a0'],
  ['1.0.a1', '1.0a1'],
  ['1.0-alpha1', '1.0a1'],
  ['1.0.ALPHA', '1.0a0'],
  ['1.0-A1', '1.0a1'],
  ['1.0b', '1.0b0'],
  ['1.0.beta1', '1.0b1'],
  ['1.0-BETA', '1.0b0'],
  ['1.0c', '1.0rc0'],
  ['1.0-c1', '1.0rc1'],
  ['1.0.rc', '1.0rc0'],
  ['1.0-RC1', '1.0rc1'],
  ['1.0post', '1.0.post0'],
  ['1.0-post1', '1.0.post1'],
  ['1.0POST1', '1.0.post1'],
  ['1.0r', '1.0.post0'],
  ['1.0rev', '1.0.post0'],
  ['1.0.r1', '1.0.post1'],
  ['1.0-5', '1.0.post5'],
  ['1.0-r5', '1.0.post5'],
  ['1.0-rev5', '1.0.post5'],
  ['1.0+AbC', '1.0+abc'],
  ['1.01', '1.1'],
  ['1.0a05', '1.0a5'],
  ['1.0b07', '1.0b7'],
  ['1.0c056', '1.0rc56'],
  ['1.0rc09', '1.0rc9'],
  ['1.0.post000', '1.0.post0'],
  ['1.1.dev09000', '1.1.dev9000'],
  ['00!1.2', '1.2'],
  ['0100!0.0', '100!0.0'],
  ['v1.0', '1.0'],
  ['   v1.0\t\n', '1.0'],
  ['\u202f1.0\t\u2029\n ', '1.0'],
  ['1.0', '1.0.0'],
  ['1.0+1', '1.0+01'],
];

// osv-scalibr semantic/testdata/pypi-versions.txt (legacy versions) and the legacy versions osv.dev
// lists for paramiko, buildbot, rope and limnoria, with the order packaging 21.3 gives them.
const LEGACY_ORDER: (string | string[])[] = [
  '-class.-jw.util.version.version-dev',
  ['-class.-jw.util.version.version-pre', '-class.-jw.util.version.version-preview'],
  '0.1-bulbasaur',
  '0.1-charmander',
  '0.3m1',
  '0.3m5',
  '0.4m1',
  '0.7.10p1',
  '0.7.11p1',
  '0.7.11p3',
  '0.8.4p1',
  '0.8.4p2',
  '0.9-doduo',
  '0.9-eevee',
  '0.9-fearow',
  '0.9-gyarados',
  '0.9-horsea',
  '0.9-ivysaur',
  '2013-01-21T20:33:09+0100',
  '2013-09-11T19-27-10',
  '2014-01-12T15-52-10',
];

describe('PyPI version order', () => {
  it("orders pypa/packaging's VERSIONS list, with and without an epoch", () => {
    expect(disagreements('PyPI', ascending(WITH_EPOCH))).toEqual([]);
  });

  it("equals every version to packaging's normal form of it", () => {
    const pairs: ExpectedPair[] = NORMALISED.map(([a, b]) => ({ a, op: '=', b }));
    expect(disagreements('PyPI', pairs)).toEqual([]);
  });

  it('orders legacy versions among themselves, before every PEP 440 version', () => {
    expect(disagreements('PyPI', ascending([...LEGACY_ORDER, '0.0.dev0', '0.1', '1.0']))).toEqual([]);
    expect(compareVersions('PyPI', '0.9-ivysaur', '0!0.0.dev0')).toBe(-1);
    expect(compareVersions('PyPI', '99999-final', '0.1')).toBe(-1);
    expect(isPep440('0.1-bulbasaur')).toBe(false);
    expect(isPep440('1.0.post1')).toBe(true);
  });

  it('reads every non-blank text, as pip did (LegacyVersion)', () => {
    for (const v of ['not-a-version', 'french toast', '1.0+a+', '1..0', '٠١٢.٣٤٥', 'trunk']) {
      expect(isValidVersion('PyPI', v), v).toBe(true);
      expect(isPep440(v), v).toBe(false);
    }
    expect(isValidVersion('PyPI', '')).toBe(false);
    expect(isValidVersion('PyPI', ' \t')).toBe(false);
  });

  it('follows the legacy key: pre-release words before final, dashes, trailing zeros', () => {
    const pairs: ExpectedPair[] = [
      { a: '1.0-pre1', op: '<', b: '1.0-1' },
      { a: '1.0-rc1', op: '=', b: '1.0-c1' },
      { a: '1.0-preview1', op: '=', b: '1.0-pre1' },
      { a: '1.0dev-x', op: '<', b: '1.0alpha-x' },
      { a: '1.0.0-x', op: '=', b: '1-x' },
      { a: 'A.B', op: '=', b: 'a.b' },
      // parts named like JavaScript object members are plain text
      { a: '1.0-__proto__', op: '<', b: '1.0-constructor' },
      { a: '1.0-constructor', op: '<', b: '1.0-constructos' },
      { a: '1.0-tostring', op: '>', b: '1.0-hasownproperty' },
    ];
    expect(disagreements('PyPI', pairs)).toEqual([]);
  });

  it('compares numbers of any length exactly, PEP 440 and legacy', () => {
    const pairs: ExpectedPair[] = [
      { a: '1.2.99999999999999999999', op: '<', b: '1.2.100000000000000000000' },
      { a: '1.2.9007199254740992', op: '<', b: '1.2.9007199254740993' },
      { a: '1.0a9007199254740992', op: '<', b: '1.0a9007199254740993' },
      { a: '1.0.post9007199254740992', op: '<', b: '1.0.post9007199254740993' },
      { a: '1.0.dev9007199254740992', op: '<', b: '1.0.dev9007199254740993' },
      { a: '9007199254740992!1.0', op: '<', b: '9007199254740993!1.0' },
      { a: '1.0+9007199254740992', op: '<', b: '1.0+9007199254740993' },
      // packaging 21.3 padded numbers to 8 characters and so ordered these the other way round
      { a: '1.0-x99999999', op: '<', b: '1.0-x123456789' },
      { a: '1.0-x9007199254740992', op: '<', b: '1.0-x9007199254740993' },
    ];
    expect(disagreements('PyPI', pairs)).toEqual([]);
  });

  it('agrees with packaging 21.3 on 2,300 pairs (OSV PyPI versions, legacy ones, generated ones)', () => {
    const pairs = readPairs('pypi.tsv');
    expect(pairs.length).toBeGreaterThan(2000);
    expect(disagreements('PyPI', pairs)).toEqual([]);
  });
});
