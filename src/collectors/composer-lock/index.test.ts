import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bracketDepth as jsonDepth } from '../read-input.ts';
import { collector } from './index.ts';

const read = (url: string) => readFileSync(new URL(url, import.meta.url));
const lock = {
  path: 'composer.lock',
  content: read('../../../test/fixtures/collectors/composer-lock/composer.lock'),
};
const manifest = {
  path: 'composer.json',
  content: read('../../../test/fixtures/collectors/composer-manifest/composer.json'),
};

/** Independent count: every `"name"`/`"version"` pair inside packages and packages-dev. */
function listed(): string[] {
  const json = JSON.parse(lock.content.toString()) as Record<
    string,
    Array<{ name: string; version: string }>
  >;
  return [...json.packages!, ...json['packages-dev']!].map((p) => `${p.name}@${p.version}`).sort();
}

describe('composer-lock', () => {
  it('matches composer.lock, and composer.json for the direct flags', () => {
    expect(collector.matches('composer.lock')).toBe(true);
    expect(collector.matches('app/composer.json')).toBe(true);
    expect(collector.matches('composer.phar')).toBe(false);
  });

  it('lists exactly the locked packages with scope and licences', () => {
    const deps = collector.collect([lock]).dependencies!;
    expect(deps.map((d) => `${d.name}@${d.version}`).sort()).toEqual(listed());
    const by = (name: string) => deps.find((d) => d.name === name)!;
    expect(by('phpunit/phpunit')).toMatchObject({
      scope: 'dev',
      license: 'BSD-3-Clause',
      ecosystem: 'Packagist',
    });
    expect(by('guzzlehttp/guzzle')).toMatchObject({ scope: 'prod', license: 'MIT', source: null });
    expect(by('local/helpers')).toMatchObject({
      license: 'MIT OR GPL-2.0-or-later',
      source: 'path:packages/helpers',
    });
    expect(by('guzzlehttp/promises').parents).toEqual(['guzzlehttp/guzzle']);
    expect(by('guzzlehttp/guzzle').parents).toEqual(['example/internal-sdk']);
  });

  it('keeps private repository sources without credentials', () => {
    const source = collector.collect([lock]).dependencies!.find((d) => d.name === 'example/internal-sdk')!
      .source!;
    expect(source).toBe('https://packages.example.com/dist/internal-sdk.zip');
  });

  it('marks packages required by the composer.json beside the lock as direct', () => {
    const deps = collector.collect([lock, manifest]).dependencies!;
    expect(
      deps
        .filter((d) => d.direct)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['example/internal-sdk', 'guzzlehttp/guzzle', 'mockery/mockery', 'phpunit/phpunit']);
    expect(collector.collect([lock]).dependencies!.some((d) => d.direct)).toBe(false);
  });

  it('turns malformed, deeply nested and huge files into diagnostics', () => {
    const deep = `{"packages":${'['.repeat(300)}${']'.repeat(300)}}`;
    expect(jsonDepth(deep)).toBe(301);
    expect(jsonDepth('{"a":"[[[[\\"["}')).toBe(1);
    const result = collector.collect([
      { path: 'a/composer.lock', content: Buffer.from('{"packages": [') },
      { path: 'b/composer.lock', content: Buffer.from(deep) },
      { path: 'c/composer.lock', content: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) },
      { path: 'd/composer.lock', content: Buffer.from('{"packages": [{"name": "x/y"}]}') },
      lock,
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'a/composer.lock parse-error',
      'b/composer.lock parse-error',
      'c/composer.lock too-large',
      'd/composer.lock parse-error',
    ]);
    expect(result.dependencies).toHaveLength(6);
  });
});
