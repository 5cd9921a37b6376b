import { describe, expect, it } from 'vitest';
import { isGoPseudoVersion } from './go.ts';
import { compareVersions, InvalidVersionError, isValidVersion, MAX_VERSION_LENGTH } from './index.ts';
import { normaliseComposer, phpVersionCompare } from './packagist.ts';

function expectAscending(ecosystem: string, list: string[]): void {
  for (let i = 0; i + 1 < list.length; i++) {
    expect(
      compareVersions(ecosystem, list[i]!, list[i + 1]!),
      `${ecosystem}: ${list[i]} < ${list[i + 1]}`,
    ).toBe(-1);
    expect(
      compareVersions(ecosystem, list[i + 1]!, list[i]!),
      `${ecosystem}: ${list[i + 1]} > ${list[i]}`,
    ).toBe(1);
  }
}

describe('compareVersions', () => {
  it('orders npm and crates.io by SemVer 2.0', () => {
    const list = [
      '0.9.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.10.0',
    ];
    expectAscending('npm', list);
    expectAscending('crates.io', list);
    expect(compareVersions('npm', '1.0.0+build.1', '1.0.0')).toBe(0);
    expect(isValidVersion('npm', '1.0')).toBe(false);
  });

  it('orders PyPI by PEP 440', () => {
    expectAscending('PyPI', ['1.0.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1', '1.1', '2!0.1']);
    expect(compareVersions('PyPI', '1.0', '1.0.0')).toBe(0);
  });

  it('orders PyPI legacy versions before every PEP 440 version, as pip did and osv.dev does', () => {
    expectAscending('PyPI', [
      '0.1-bulbasaur',
      '0.1-charmander',
      '0.9-doduo',
      '0.9-ivysaur',
      '0.0.dev0',
      '0.1',
    ]);
    expect(isValidVersion('PyPI', 'not-a-version')).toBe(true);
  });

  it('orders Go versions with v prefix, pseudo-versions and +incompatible', () => {
    expectAscending('Go', [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.1.0',
      'v1.2.3-pre',
      'v1.2.3',
      'v1.10.0',
      'v2.0.0+incompatible',
      'v2.1.0',
    ]);
    expect(compareVersions('Go', '1.2.3', 'v1.2.3')).toBe(0);
    expect(compareVersions('Go', 'v1', 'v1.0.0')).toBe(0);
    expect(compareVersions('Go', 'v2.0.0+incompatible', 'v2.0.0')).toBe(0);
    expect(isGoPseudoVersion('v1.2.4-0.20191109021931-daa7c04131f5')).toBe(true);
    expect(isGoPseudoVersion('v1.2.4')).toBe(false);
  });

  it('orders RubyGems as Gem::Version', () => {
    expectAscending('RubyGems', ['1.0.a', '1.0.b1', '1.0.rc1', '1.0', '1.0.1', '1.1', '1.10']);
    expect(compareVersions('RubyGems', '1.0', '1')).toBe(0);
    expect(compareVersions('RubyGems', '1.0.0-rc1', '1.0.0.pre.rc1')).toBe(0);
    expect(compareVersions('RubyGems', '1.0.a', '1.0.a.0')).toBe(0);
    expect(isValidVersion('RubyGems', '1..2')).toBe(false);
  });

  it('orders NuGet with four parts and case-insensitive labels', () => {
    expectAscending('NuGet', [
      '1.0.0-alpha',
      '1.0.0-beta.2',
      '1.0.0-beta.10',
      '1.0.0',
      '1.0.0.1',
      '1.0.1',
      '13.0.1',
    ]);
    expect(compareVersions('NuGet', '1.0.0-BETA', '1.0.0-beta')).toBe(0);
    expect(compareVersions('NuGet', '1.0', '1.0.0.0')).toBe(0);
    expect(compareVersions('NuGet', '1.0.0+abc', '1.0.0')).toBe(0);
  });

  it('orders Packagist by Composer normalisation and version_compare', () => {
    expect(normaliseComposer('v1.2')).toBe('1.2.0.0');
    expect(normaliseComposer('1.0-b2')).toBe('1.0.0.0-beta2');
    expect(normaliseComposer('2.0.0-RC1')).toBe('2.0.0.0-RC1');
    expect(normaliseComposer('1.0.0-pl3')).toBe('1.0.0.0-patch3');
    expect(normaliseComposer('1.0.0-stable')).toBe('1.0.0.0');
    expect(normaliseComposer('dev-main')).toBe('dev-main');
    expectAscending('Packagist', [
      '1.0.0-dev',
      '1.0.0-alpha1',
      '1.0.0-beta2',
      '1.0.0-RC1',
      'v1.0.0',
      '1.0.0-p1',
      '1.0.1',
      '6.5.8',
      '7.0.0',
    ]);
    expect(compareVersions('Packagist', 'v7.4.5', '7.4.5.0')).toBe(0);
    expect(phpVersionCompare('1.0', '1.0.0')).toBe(-1);
    expect(phpVersionCompare('5.3.0-dev', '5.3.0')).toBe(-1);
  });

  it('orders Maven through ComparableVersion and accepts OSV suffixes', () => {
    expectAscending('Maven', ['2.14.1', '2.15.0-rc1', '2.15.0', '2.17.0']);
    expectAscending('Maven:https://repo.example', ['1.0-SNAPSHOT', '1.0']);
  });

  it('compares numeric parts of any length exactly in every ecosystem', () => {
    const ecosystems = ['npm', 'crates.io', 'Go', 'PyPI', 'Maven', 'NuGet', 'RubyGems', 'Packagist'];
    for (const ecosystem of ecosystems) {
      expectAscending(ecosystem, ['1.2.99999999999999999999', '1.2.100000000000000000000', '1.3.0']);
      expectAscending(ecosystem, ['1.2.9007199254740992', '1.2.9007199254740993']);
      expect(compareVersions(ecosystem, '1.2.100000000000000000000', '1.2.100000000000000000000')).toBe(0);
    }
  });

  it('refuses texts longer than MAX_VERSION_LENGTH', () => {
    const long = `1.${'0'.repeat(MAX_VERSION_LENGTH)}`;
    for (const ecosystem of ['npm', 'PyPI', 'Maven', 'RubyGems', 'Packagist', 'NuGet', 'Go']) {
      expect(isValidVersion(ecosystem, long), ecosystem).toBe(false);
      expect(isValidVersion(ecosystem, '1.0.0'), ecosystem).toBe(true);
    }
  });

  it('rejects unreadable versions and unknown ecosystems', () => {
    expect(() => compareVersions('npm', 'banana', '1.0.0')).toThrow(InvalidVersionError);
    expect(() => compareVersions('Debian', '1', '2')).toThrow(InvalidVersionError);
    expect(isValidVersion('Hackage', '1.0')).toBe(false);
  });
});
