import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency, FileInput } from '../types.ts';
import { collector } from './index.ts';

const read = (rel: string, path = rel): FileInput => ({
  path,
  content: readFileSync(join(import.meta.dirname, '../../../test/fixtures/collectors/yarn-lock', rel)),
});
const ids = (deps: Dependency[] = []) => deps.map((d) => `${d.name}@${d.version}`).sort();
const byId = (deps: Dependency[] = [], id: string) => deps.find((d) => `${d.name}@${d.version}` === id);
const classic = [read('classic/yarn.lock'), read('classic/package.json')];
const berry = [
  read('berry/yarn.lock'),
  read('berry/package.json'),
  read('berry/packages/shared/package.json'),
];

describe('yarn-lock collector', () => {
  it('matches yarn.lock and package.json', () => {
    expect(collector.matches('yarn.lock')).toBe(true);
    expect(collector.matches('web/yarn.lock')).toBe(true);
    expect(collector.matches('web/package.json')).toBe(true);
    expect(collector.matches('yarn.lock.bak')).toBe(false);
  });

  it('lists each resolved package of a classic lockfile once', () => {
    const { dependencies, diagnostics } = collector.collect(classic);
    expect(diagnostics).toEqual([]);
    expect(ids(dependencies)).toEqual([
      '@babel/code-frame@7.22.13',
      '@babel/highlight@7.22.20',
      'chalk@2.4.2',
      'chalk@4.1.2',
      'fsevents@2.3.3',
      'internal-sdk@2.0.1',
      'jest@29.7.0',
      'string-width@4.2.3',
    ]);
  });

  it('derives direct and scope from the manifests and removes credentials', () => {
    const { dependencies } = collector.collect(classic);
    expect(byId(dependencies, '@babel/code-frame@7.22.13')).toMatchObject({ direct: true, scope: 'prod' });
    expect(byId(dependencies, 'chalk@2.4.2')).toMatchObject({
      direct: false,
      scope: 'prod',
      parents: ['@babel/code-frame', '@babel/highlight'],
    });
    expect(byId(dependencies, 'chalk@4.1.2')).toMatchObject({
      direct: false,
      scope: 'dev',
      parents: ['jest'],
    });
    expect(byId(dependencies, 'fsevents@2.3.3')).toMatchObject({ direct: true, scope: 'optional' });
    expect(byId(dependencies, 'internal-sdk@2.0.1')?.source).toBe(
      'git+https://gitlab.example.com/acme/sdk.git#3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d',
    );
    expect(JSON.stringify(dependencies)).not.toContain('glpat-');
  });

  it('reads berry lockfiles: workspaces skipped, patches merged, sources cleaned', () => {
    const { dependencies } = collector.collect(berry);
    expect(ids(dependencies)).toEqual([
      'js-tokens@4.0.0',
      'loose-envify@1.4.0',
      'private-kit@1.2.0',
      'react@17.0.2',
      'react@18.3.1',
      'tslib@2.6.3',
      'typescript@5.4.5',
      'vitest@1.6.0',
    ]);
    expect(byId(dependencies, 'react@18.3.1')).toMatchObject({ direct: true, scope: 'prod', source: null });
    expect(byId(dependencies, 'typescript@5.4.5')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byId(dependencies, 'vitest@1.6.0')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byId(dependencies, 'js-tokens@4.0.0')).toMatchObject({
      direct: false,
      scope: 'prod',
      parents: ['loose-envify'],
    });
    expect(byId(dependencies, 'private-kit@1.2.0')?.source).toBe(
      'https://git.example.com/acme/kit.git#commit=0a1b2c3d',
    );
  });

  it('without manifests, berry workspace entries give the direct packages', () => {
    const { dependencies } = collector.collect([berry[0]!]);
    expect(byId(dependencies, 'react@18.3.1')?.direct).toBe(true);
    expect(byId(dependencies, 'vitest@1.6.0')?.direct).toBe(true);
    expect(byId(dependencies, 'loose-envify@1.4.0')?.direct).toBe(false);
  });

  it('reports unreadable lockfiles and reads the others', () => {
    const result = collector.collect([
      {
        path: 'a/yarn.lock',
        content: Buffer.from('# yarn lockfile v1\n\n"broken@^1":\n  version "1.0.0\n  x: [\n'),
      },
      {
        path: 'b/yarn.lock',
        content: Buffer.from(
          '__metadata:\n  version: 8\n\n"ok@npm:^1":\n  version: 1.0.1\n  resolution: "ok@npm:1.0.1"\n',
        ),
      },
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code} ${d.collector}`)).toEqual([
      'a/yarn.lock parse-error yarn-lock',
    ]);
    expect(ids(result.dependencies)).toEqual(['ok@1.0.1']);
  });
});
