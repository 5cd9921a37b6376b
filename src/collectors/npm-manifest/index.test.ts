import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileInput } from '../types.ts';
import { collector } from './index.ts';

const here = import.meta.dirname;
const fixture = (rel: string, path = rel): FileInput => ({
  path,
  content: readFileSync(join(here, '../../../test/fixtures/collectors/npm-manifest/monorepo', rel)),
});
const files = [
  fixture('package.json'),
  fixture('packages/web/package.json'),
  fixture('packages/ui/package.json'),
];

describe('npm-manifest collector', () => {
  it('matches package.json files outside node_modules', () => {
    expect(collector.matches('package.json')).toBe(true);
    expect(collector.matches('apps/web/package.json')).toBe(true);
    expect(collector.matches('node_modules/react/package.json')).toBe(false);
    expect(collector.matches('package-lock.json')).toBe(false);
  });

  it('reads each dependency field with its scope, pins and ranges', () => {
    const { dependencies = [], diagnostics } = collector.collect(files);
    expect(diagnostics).toEqual([]);
    const pick = (name: string) => dependencies.find((d) => d.name === name);
    expect(pick('typescript')).toMatchObject({
      version: null,
      requirement: '~5.4.5',
      scope: 'dev',
      direct: true,
    });
    expect(pick('turbo')).toMatchObject({ version: '2.0.4', scope: 'dev' });
    expect(pick('react')).toMatchObject({ version: null, requirement: '^18.3.1', scope: 'prod' });
    expect(pick('fsevents')?.scope).toBe('optional');
    expect(pick('next')?.scope).toBe('peer');
    expect(pick('lodash')).toMatchObject({ version: '4.17.21', manifestPath: 'packages/web/package.json' });
  });

  it('removes credentials from git and URL sources', () => {
    const { dependencies = [] } = collector.collect(files);
    const text = JSON.stringify(dependencies);
    expect(text).not.toContain('ghp_s3cr3tT0ken');
    expect(text).not.toContain('abc123');
    expect(dependencies.find((d) => d.name === 'eslint-config-internal')?.source).toBe(
      'git+https://github.com/acme/eslint-config.git#v3.1.0',
    );
  });

  it('marks dependencies on workspace members as local', () => {
    const { dependencies = [] } = collector.collect(files);
    const ui = dependencies.find((d) => d.name === '@acme/ui');
    expect(ui).toMatchObject({ version: null, source: 'workspace:packages/ui' });
    const web = dependencies.find((d) => d.name === '@acme/web');
    expect(web).toMatchObject({ version: null, source: 'workspace:packages/web' });
  });

  it('reports engines.node as a node runtime', () => {
    expect(collector.collect(files).runtimes).toEqual([
      { kind: 'node', version: '>=20.11 <23', path: 'package.json', source: 'engines.node', role: 'floor' },
    ]);
  });

  it('turns bad files into diagnostics and still reads the others', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const result = collector.collect([
      { path: 'a/package.json', content: Buffer.from('{"dependencies": {"x": "1"') },
      { path: 'b/package.json', content: Buffer.from(deep) },
      { path: 'c/package.json', content: Buffer.from('[1, 2]') },
      {
        path: 'd/package.json',
        content: Buffer.from('{"dependencies": "oops", "devDependencies": {"ok": "^1"}}'),
      },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code, d.collector])).toEqual([
      ['a/package.json', 'parse-error', 'npm-manifest'],
      ['b/package.json', 'too-deep', 'npm-manifest'],
      ['c/package.json', 'not-an-object', 'npm-manifest'],
    ]);
    expect(result.dependencies?.map((d) => d.name)).toEqual(['ok']);
  });
});
