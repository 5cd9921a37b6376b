import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency, FileInput } from '../types.ts';
import { collector } from './index.ts';

const read = (rel: string, path = rel): FileInput => ({
  path,
  content: readFileSync(join(import.meta.dirname, '../../../test/fixtures/collectors/pipfile-lock', rel)),
});
const ids = (deps: Dependency[] = []) => deps.map((d) => `${d.name}@${d.version}`).sort();
const byName = (deps: Dependency[] = [], name: string) => deps.find((d) => d.name === name);

describe('pipfile-lock collector', () => {
  it('matches Pipfile.lock and Pipfile', () => {
    expect(collector.matches('Pipfile.lock')).toBe(true);
    expect(collector.matches('api/Pipfile')).toBe(true);
    expect(collector.matches('Pipfile.bak')).toBe(false);
  });

  it('lists default and develop packages with pins, sources and the python version', () => {
    const { dependencies, runtimes, diagnostics } = collector.collect([
      read('Pipfile.lock'),
      read('Pipfile'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(ids(dependencies)).toEqual([
      'acme-auth@null',
      'blinker@1.8.2',
      'flask@3.0.3',
      'gunicorn@22.0.0',
      'iniconfig@2.0.0',
      'pytest@8.2.2',
      'werkzeug@3.0.3',
    ]);
    expect(byName(dependencies, 'flask')).toMatchObject({
      direct: true,
      scope: 'prod',
      requirement: '==3.0.3',
    });
    expect(byName(dependencies, 'blinker')).toMatchObject({ direct: false, scope: 'prod' });
    expect(byName(dependencies, 'pytest')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byName(dependencies, 'iniconfig')).toMatchObject({ direct: false, scope: 'dev' });
    expect(byName(dependencies, 'acme-auth')).toMatchObject({
      direct: true,
      source: 'https://github.com/acme/auth.git@4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d',
    });
    expect(JSON.stringify(dependencies)).not.toContain('ghp_');
    expect(runtimes).toEqual([
      {
        kind: 'python',
        version: '3.12',
        path: 'Pipfile.lock',
        source: '_meta.requires.python_version',
        role: 'pin',
      },
    ]);
  });

  it('without a Pipfile, no package is claimed as direct', () => {
    const { dependencies } = collector.collect([read('Pipfile.lock')]);
    expect(dependencies?.some((d) => d.direct)).toBe(false);
  });

  it('reports broken lockfiles and reads the others', () => {
    const result = collector.collect([
      { path: 'a/Pipfile.lock', content: Buffer.from('{"default": {"x": ') },
      {
        path: 'b/Pipfile.lock',
        content: Buffer.from(`{"default": ${'{"a":'.repeat(400)}1${'}'.repeat(400)}}`),
      },
      read('Pipfile.lock', 'c/Pipfile.lock'),
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'a/Pipfile.lock parse-error',
      'b/Pipfile.lock too-deep',
    ]);
    expect(result.dependencies).toHaveLength(7);
  });
});
