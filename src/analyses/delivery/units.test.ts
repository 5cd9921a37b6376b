import { expect, test } from 'vitest';
import { deploymentFrequency } from './frequency.ts';
import { buildGraph, type CommitFact, firstContaining } from './graph.ts';
import { percentile } from './stats.ts';
import { compareVersions, isPatchOf, type ParsedVersion, parseTag, tagMatcher } from './versions.ts';

const DEFAULT = tagMatcher(undefined, 'git');

test('version tags under the default pattern, pre-releases apart', () => {
  expect(parseTag('v2.43.0', DEFAULT)).toEqual({
    version: '2.43.0',
    numbers: [2, 43, 0],
    digits: ['2', '43', '0'],
    suffix: '',
    prerelease: false,
    package: null,
  });
  expect(parseTag('4.18', DEFAULT)?.prerelease).toBe(false);
  expect(parseTag('v1.5.0.1', DEFAULT)?.numbers).toEqual([1, 5, 0, 1]);
  expect(parseTag('1.0.0+build.5', DEFAULT)?.prerelease).toBe(false);
  for (const pre of ['v2.43.0-rc1', '2.0.0rc1', 'v5.0.0-beta.1', '1.0.0.dev2'])
    expect(parseTag(pre, DEFAULT)?.prerelease, pre).toBe(true);
  for (const other of ['gitgui-0.10', 'latest', 'v1', '2024-01-01', 'release', 'pkg@latest', '@scope@1.0'])
    expect(parseTag(other, DEFAULT), other).toBeNull();
  expect(() => tagMatcher('^v(.+)$')).toThrow(/named group/);
  expect(() => tagMatcher('(?<version>[')).toThrow(/not a regular expression/);
});

test('tags named after the repository, and package@version tags of monorepos', () => {
  const jedis = tagMatcher(undefined, 'team/Jedis');
  expect(parseTag('jedis-2.9.0', jedis)).toMatchObject({
    version: '2.9.0',
    package: null,
    prerelease: false,
  });
  expect(parseTag('Jedis-v3.1.0-rc2', jedis)).toMatchObject({ version: '3.1.0-rc2', prerelease: true });
  expect(parseTag('jedis-2.9.0', DEFAULT)).toBeNull();
  expect(parseTag('gitgui-0.10', tagMatcher(undefined, 'git-gui'))).toBeNull();
  expect(parseTag('create-vite@5.0.0', DEFAULT)).toMatchObject({ version: '5.0.0', package: 'create-vite' });
  expect(parseTag('@babel/core@v7.24.0', DEFAULT)).toMatchObject({
    version: '7.24.0',
    package: '@babel/core',
  });
  expect(parseTag('a.b@1.0.0-next.1', DEFAULT)).toMatchObject({ package: 'a.b', prerelease: true });
  // A configured pattern replaces every default; its `package` group is read too.
  const own = tagMatcher('^(?<package>[a-z]+)/v(?<version>.+)$', 'jedis');
  expect(parseTag('jedis-2.9.0', own)).toBeNull();
  expect(parseTag('tools/v0.3.1', own)).toMatchObject({ version: '0.3.1', package: 'tools' });
});

test('release versions order exactly: numbers at any length, rc2 before rc10, a pre-release before its release', () => {
  const parse = (tag: string): ParsedVersion => {
    const v = parseTag(tag, DEFAULT);
    if (!v) throw new Error(`not a version: ${tag}`);
    return v;
  };
  const ordered = [
    'v1.2.0-rc.2',
    'v1.2.0-rc.10',
    'v1.2.0-rc10',
    'v1.2.0',
    'v1.10.0-beta1',
    'v1.10.0-beta2',
    'v1.10.0-beta10',
    'v1.10.0',
    'v1.99999999999999999999.0',
    'v1.100000000000000000000.0',
  ];
  const shuffled = [...ordered].reverse().map(parse);
  expect(shuffled.sort(compareVersions).map((v) => `v${v.version}`)).toEqual(ordered);
  expect(compareVersions(parse('v1.0.0+build.2'), parse('v1.0.0+build.1'))).not.toBe(0);
});

test('a patch keeps the first two numbers and goes up after them', () => {
  const v = (t: string) => parseTag(t, DEFAULT) as NonNullable<ReturnType<typeof parseTag>>;
  expect(isPatchOf(v('1.2.1'), v('1.2.0'))).toBe(true);
  expect(isPatchOf(v('1.2.0.1'), v('1.2.0'))).toBe(true);
  expect(isPatchOf(v('1.3.0'), v('1.2.0'))).toBe(false);
  expect(isPatchOf(v('1.2.0'), v('1.2.1'))).toBe(false);
  expect(isPatchOf(v('pkg@1.2.1'), v('1.2.0'))).toBe(false);
  expect(isPatchOf(v('pkg@1.2.1'), v('other@1.2.0'))).toBe(false);
  expect(isPatchOf(v('pkg@1.2.1'), v('pkg@1.2.0'))).toBe(true);
});

test('each commit belongs to the first release, by date, that reaches it', () => {
  // 0 - 1 - 2 (v1.0)   1 - 3 (v0.9.1 on a maintenance branch, tagged later)   2 - 4 (v1.1)
  const c = (sha: string, parents: string): CommitFact => ({
    sha,
    parents,
    author_ts: 0,
    committer_ts: 0,
    subject: '',
  });
  const g = buildGraph([c('a', ''), c('b', 'a'), c('c', 'b'), c('d', 'b'), c('e', 'c d')]);
  const owner = firstContaining(g, [2, 3, 4]);
  expect([...owner]).toEqual([0, 0, 0, 1, 2]);
});

test('PERCENTILE_CONT interpolation', () => {
  expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  expect(percentile([10], 0.9)).toBe(10);
  expect(percentile([], 0.5)).toBeNull();
});

test('Four Keys frequency buckets', () => {
  const day = 86_400;
  const asOf = Date.UTC(2024, 5, 30) / 1000;
  const start = asOf - 200 * day;
  const every = (step: number, weekdaysOnly = false) =>
    Array.from({ length: 200 }, (_, i) => asOf - i * day).filter(
      (t, i) => i % step === 0 && (!weekdaysOnly || ![0, 6].includes(new Date(t * 1000).getUTCDay())),
    );
  expect(deploymentFrequency(every(1, true), asOf, start)?.bucket).toBe('daily');
  expect(deploymentFrequency(every(7), asOf, start)?.bucket).toBe('weekly');
  expect(deploymentFrequency(every(20), asOf, start)?.bucket).toBe('monthly');
  expect(deploymentFrequency(every(100), asOf, start)?.bucket).toBe('fewer');
  expect(deploymentFrequency([], asOf, asOf)).toBeNull();
});
