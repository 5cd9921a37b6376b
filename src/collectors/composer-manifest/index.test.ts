import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const manifest = {
  path: 'composer.json',
  content: readFileSync(
    new URL('../../../test/fixtures/collectors/composer-manifest/composer.json', import.meta.url),
  ),
};

describe('composer-manifest', () => {
  it('matches composer.json only', () => {
    expect(collector.matches('composer.json')).toBe(true);
    expect(collector.matches('web/composer.json')).toBe(true);
    expect(collector.matches('composer.lock')).toBe(false);
  });

  it('reads require and require-dev, leaving platform requirements out', () => {
    const deps = collector.collect([manifest]).dependencies!;
    expect(deps.map((d) => `${d.name} ${d.requirement} ${d.scope}`)).toEqual([
      'laravel/framework ^11.0 prod',
      'guzzlehttp/guzzle ^7.8 prod',
      'example/internal-sdk dev-main prod',
      'phpunit/phpunit ^11.0.1 dev',
      'mockery/mockery ~1.6 dev',
    ]);
    expect(deps.every((d) => d.direct && d.version === null && d.ecosystem === 'Packagist')).toBe(true);
  });

  it('reports the php requirement as the PHP runtime', () => {
    expect(collector.collect([manifest]).runtimes).toEqual([
      { kind: 'php', version: '^8.2', path: 'composer.json', source: 'require.php', role: 'floor' },
    ]);
  });

  it('turns bad files into diagnostics and reads the others', () => {
    const result = collector.collect([
      { path: 'a/composer.json', content: Buffer.from('{ "require": { "x/y": "^1" ') },
      { path: 'b/composer.json', content: Buffer.from(`${'['.repeat(1000)}${']'.repeat(1000)}`) },
      { path: 'c/composer.json', content: Buffer.from('{"require": ["not", "an", "object"]}') },
      manifest,
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code} ${d.collector}`)).toEqual([
      'a/composer.json parse-error composer-manifest',
      'b/composer.json too-deep composer-manifest',
      'c/composer.json parse-error composer-manifest',
    ]);
    expect(result.dependencies).toHaveLength(5);
  });
});
