import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency, FileInput } from '../types.ts';
import { collector } from './index.ts';

const read = (rel: string, path = 'pnpm-lock.yaml'): FileInput => ({
  path,
  content: readFileSync(join(import.meta.dirname, '../../../test/fixtures/collectors/pnpm-lock', rel)),
});
const ids = (deps: Dependency[] = []) => deps.map((d) => `${d.name}@${d.version}`).sort();
const byId = (deps: Dependency[] = [], id: string) => deps.find((d) => `${d.name}@${d.version}` === id);

describe('pnpm-lock collector', () => {
  it('matches pnpm-lock.yaml only', () => {
    expect(collector.matches('pnpm-lock.yaml')).toBe(true);
    expect(collector.matches('apps/pnpm-lock.yaml')).toBe(true);
    expect(collector.matches('pnpm-workspace.yaml')).toBe(false);
  });

  it('reads a v6 lockfile with dev flags, peers, aliases and tarballs', () => {
    const { dependencies, diagnostics } = collector.collect([read('v6.yaml')]);
    expect(diagnostics).toEqual([]);
    expect(ids(dependencies)).toEqual([
      '@types/node@20.14.2',
      'debug@2.6.9',
      'express@4.19.2',
      'fsevents@2.3.3',
      'lodash@4.17.21',
      'ms@2.0.0',
      'private-kit@2.1.0',
      'react-dom@18.3.1',
      'react@18.3.1',
      'undici-types@5.26.5',
      'vitest@1.6.0',
    ]);
    expect(byId(dependencies, 'express@4.19.2')).toMatchObject({ direct: true, scope: 'prod' });
    expect(byId(dependencies, 'vitest@1.6.0')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byId(dependencies, 'lodash@4.17.21')).toMatchObject({ direct: true, scope: 'prod' });
    expect(byId(dependencies, 'react-dom@18.3.1')?.direct).toBe(true);
    expect(byId(dependencies, 'ms@2.0.0')).toMatchObject({ direct: false, parents: ['debug'] });
    expect(byId(dependencies, 'fsevents@2.3.3')).toMatchObject({ scope: 'dev', parents: ['vitest'] });
    expect(byId(dependencies, 'private-kit@2.1.0')?.source).toBe(
      'https://codeload.github.com/acme/private-kit/tar.gz/0a1b2c3d4e5f',
    );
  });

  it('reads a v9 lockfile, taking scope from reachability over snapshots', () => {
    const { dependencies, diagnostics } = collector.collect([read('v9.yaml')]);
    expect(diagnostics).toEqual([]);
    expect(ids(dependencies)).toEqual([
      'fsevents@2.3.3',
      'internal-kit@1.0.3',
      'js-tokens@4.0.0',
      'loose-envify@1.4.0',
      'react-dom@18.3.1',
      'react@18.3.1',
      'typescript@5.4.5',
    ]);
    expect(byId(dependencies, 'typescript@5.4.5')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byId(dependencies, 'fsevents@2.3.3')).toMatchObject({ direct: true, scope: 'optional' });
    expect(byId(dependencies, 'react@18.3.1')).toMatchObject({
      direct: false,
      scope: 'prod',
      parents: ['internal-kit', 'react-dom'],
    });
    expect(byId(dependencies, 'internal-kit@1.0.3')).toMatchObject({
      direct: true,
      source: 'https://git.example.com/acme/kit.git#7d6c5b4a',
    });
    expect(JSON.stringify(dependencies)).not.toContain('s3cret');
  });

  it('turns alias bombs, bad YAML and old versions into diagnostics', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(9)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(',')}]`,
      );
    const result = collector.collect([
      { path: 'bomb/pnpm-lock.yaml', content: Buffer.from(`lockfileVersion: '9.0'\n${bomb.join('\n')}\n`) },
      { path: 'bad/pnpm-lock.yaml', content: Buffer.from("lockfileVersion: '9.0'\npackages:\n  a: [\n") },
      {
        path: 'old/pnpm-lock.yaml',
        content: Buffer.from('lockfileVersion: 5.4\npackages:\n  /left-pad/1.3.0:\n    dev: false\n'),
      },
      read('v9.yaml', 'ok/pnpm-lock.yaml'),
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'bomb/pnpm-lock.yaml parse-error',
      'bad/pnpm-lock.yaml parse-error',
      'old/pnpm-lock.yaml unsupported-version',
    ]);
    expect(result.dependencies?.filter((d) => d.manifestPath === 'ok/pnpm-lock.yaml')).toHaveLength(7);
  });
});
