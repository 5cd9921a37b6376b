import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency, FileInput } from '../types.ts';
import { collector } from './index.ts';

const read = (rel: string, path = rel): FileInput => ({
  path,
  content: readFileSync(join(import.meta.dirname, '../../../test/fixtures/collectors/npm-lock', rel)),
});
const ids = (deps: Dependency[] = []) => deps.map((d) => `${d.name}@${d.version}`).sort();
const byId = (deps: Dependency[] = [], id: string) => deps.find((d) => `${d.name}@${d.version}` === id);

describe('npm-lock collector', () => {
  it('matches lockfiles and the package.json files it needs for v1', () => {
    expect(collector.matches('package-lock.json')).toBe(true);
    expect(collector.matches('svc/npm-shrinkwrap.json')).toBe(true);
    expect(collector.matches('node_modules/.package-lock.json')).toBe(false);
    expect(collector.matches('svc/package.json')).toBe(true);
  });

  it('lists every package of a v3 lockfile once, without workspace links', () => {
    const { dependencies, diagnostics } = collector.collect([
      read('v3-workspaces/package-lock.json', 'package-lock.json'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(ids(dependencies)).toEqual([
      'clsx@2.1.1',
      'fsevents@2.3.3',
      'internal-ui@3.2.1',
      'js-tokens@4.0.0',
      'js-tokens@9.0.0',
      'loose-envify@1.4.0',
      'react@18.2.0',
      'typescript@5.4.5',
      'vitest@1.6.0',
    ]);
  });

  it('takes scope, licence, parents and directness from a v3 lockfile', () => {
    const { dependencies } = collector.collect([
      read('v3-workspaces/package-lock.json', 'package-lock.json'),
    ]);
    expect(byId(dependencies, 'react@18.2.0')).toMatchObject({
      direct: true,
      scope: 'prod',
      license: 'MIT',
      parents: [],
    });
    expect(byId(dependencies, 'js-tokens@4.0.0')).toMatchObject({ direct: false, parents: ['loose-envify'] });
    expect(byId(dependencies, 'js-tokens@9.0.0')).toMatchObject({ scope: 'dev', parents: ['vitest'] });
    expect(byId(dependencies, 'fsevents@2.3.3')).toMatchObject({ scope: 'dev', parents: ['vitest'] });
    expect(byId(dependencies, 'typescript@5.4.5')).toMatchObject({ scope: 'dev', direct: true });
    expect(byId(dependencies, 'clsx@2.1.1')?.direct).toBe(true);
    expect(byId(dependencies, 'internal-ui@3.2.1')).toMatchObject({
      license: 'UNLICENSED',
      direct: true,
      source: 'https://npm.acme.example/internal-ui/-/internal-ui-3.2.1.tgz',
    });
    expect(JSON.stringify(dependencies)).not.toContain('npm_T0kenValue');
  });

  it('reads the nested v1 tree, with directness from the package.json beside it', () => {
    const { dependencies } = collector.collect([read('v1/package-lock.json'), read('v1/package.json')]);
    expect(ids(dependencies)).toEqual([
      'debug@2.6.9',
      'debug@3.1.0',
      'express@4.16.4',
      'fsevents@1.2.4',
      'mocha@5.2.0',
      'ms@2.0.0',
      'private-lib@0f5a3c2d1e4b6a7980c1d2e3f4a5b6c7d8e9f0a1',
    ]);
    expect(byId(dependencies, 'express@4.16.4')).toMatchObject({ direct: true, scope: 'prod' });
    expect(byId(dependencies, 'debug@2.6.9')?.parents).toEqual(['express']);
    expect(byId(dependencies, 'ms@2.0.0')?.parents).toEqual(['debug', 'express']);
    expect(byId(dependencies, 'mocha@5.2.0')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byId(dependencies, 'debug@3.1.0')).toMatchObject({
      direct: false,
      scope: 'dev',
      parents: ['mocha'],
    });
    expect(byId(dependencies, 'fsevents@1.2.4')).toMatchObject({ scope: 'optional', direct: false });
    expect(byId(dependencies, 'fsevents@1.2.4')?.source).toBe(
      'https://npm.example.com/fsevents/-/fsevents-1.2.4.tgz',
    );
    expect(byId(dependencies, 'private-lib@0f5a3c2d1e4b6a7980c1d2e3f4a5b6c7d8e9f0a1')?.source).toContain(
      'git+ssh://git@github.com/acme/private-lib.git',
    );
  });

  it('without a package.json, treats unrequired top-level v1 packages as direct', () => {
    const { dependencies } = collector.collect([read('v1/package-lock.json')]);
    expect(byId(dependencies, 'express@4.16.4')?.direct).toBe(true);
    expect(byId(dependencies, 'ms@2.0.0')?.direct).toBe(false);
  });

  it('reports bad lockfiles and reads the others', () => {
    const result = collector.collect([
      { path: 'a/package-lock.json', content: Buffer.from('{"lockfileVersion": 3, "packages": {') },
      { path: 'b/package-lock.json', content: Buffer.from('"just a string"') },
      {
        path: 'c/package-lock.json',
        content: Buffer.from('{"lockfileVersion": 9, "packages": {"node_modules/x": {"version": "1.0.0"}}}'),
      },
      {
        path: 'd/package-lock.json',
        content: Buffer.from('{"packages": {"node_modules/y": null, "node_modules/z": {"version": 5}}}'),
      },
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'a/package-lock.json parse-error',
      'b/package-lock.json not-an-object',
      'c/package-lock.json unsupported-version',
    ]);
    expect(ids(result.dependencies)).toEqual(['x@1.0.0', 'y@null', 'z@null']);
  });
});
