import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency, FileInput } from '../types.ts';
import { collector } from './index.ts';

const read = (rel: string): FileInput => ({
  path: rel,
  content: readFileSync(
    join(import.meta.dirname, '../../../test/fixtures/collectors/pypi-requirements', rel),
  ),
});
const all = ['requirements.in', 'constraints.txt', 'requirements.txt', 'requirements/dev.txt'].map(read);
const inFile = (deps: Dependency[] = [], path: string) => deps.filter((d) => d.manifestPath === path);
const pick = (deps: Dependency[] = [], path: string, name: string) =>
  inFile(deps, path).find((d) => d.name === name);

describe('pypi-requirements collector', () => {
  it('matches requirements and constraints files', () => {
    for (const p of [
      'requirements.txt',
      'requirements-dev.txt',
      'dev-requirements.in',
      'requirements/test.txt',
      'constraints.txt',
    ]) {
      expect(collector.matches(p), p).toBe(true);
    }
    expect(collector.matches('README.txt')).toBe(false);
  });

  it('reads pip-compile output: pins, hashes, continuations, via notes', () => {
    const { dependencies } = collector.collect(all);
    const locked = inFile(dependencies, 'requirements.txt');
    expect(locked.map((d) => `${d.name}@${d.version}`).sort()).toEqual([
      'asgiref@3.8.1',
      'celery@5.3.6',
      'django@5.0.4',
      'djangorestframework@3.15.1',
      'sqlparse@0.5.0',
    ]);
    expect(pick(dependencies, 'requirements.txt', 'asgiref')).toMatchObject({
      direct: false,
      parents: ['django'],
    });
    expect(pick(dependencies, 'requirements.txt', 'django')).toMatchObject({
      direct: true,
      parents: ['djangorestframework'],
    });
    expect(pick(dependencies, 'requirements.txt', 'celery')).toMatchObject({
      direct: true,
      requirement: '==5.3.6',
    });
    expect(JSON.stringify(dependencies)).not.toContain('SECRETTOKEN');
  });

  it('keeps ranges as requirements and takes versions from -c constraint pins', () => {
    const { dependencies } = collector.collect(all);
    expect(pick(dependencies, 'requirements.in', 'django')).toMatchObject({
      requirement: '>=5.0,<5.1',
      version: '5.0.4',
    });
    expect(pick(dependencies, 'requirements.in', 'celery')).toMatchObject({
      requirement: '>=5.3',
      version: '5.3.6',
    });
    expect(inFile(dependencies, 'constraints.txt')).toEqual([]);
    const alone = collector.collect([read('requirements.in')]).dependencies;
    expect(pick(alone, 'requirements.in', 'django')?.version).toBeNull();
  });

  it('reads editable, URL and VCS requirements without credentials, scoped by file name', () => {
    const { dependencies, diagnostics } = collector.collect(all);
    const dev = inFile(dependencies, 'requirements/dev.txt');
    expect(dev.map((d) => d.name)).toEqual([
      'pytest',
      'pytest-django',
      'ruff',
      'acme-devtools',
      'internal-lib',
      'acme-utils',
    ]);
    expect(dev.every((d) => d.scope === 'dev')).toBe(true);
    expect(pick(dependencies, 'requirements/dev.txt', 'pytest')).toMatchObject({ version: '8.2.1' });
    expect(pick(dependencies, 'requirements/dev.txt', 'pytest-django')).toMatchObject({
      version: null,
      requirement: '~=4.8',
    });
    expect(pick(dependencies, 'requirements/dev.txt', 'acme-devtools')?.source).toBe(
      'git+https://gitlab.example.com/acme/devtools.git@v0.3.0#egg=acme_devtools',
    );
    expect(pick(dependencies, 'requirements/dev.txt', 'internal-lib')).toMatchObject({
      version: '2.4.0',
      source: 'https://files.example.com/wheels/Internal.Lib-2.4.0-py3-none-any.whl#egg=Internal.Lib',
    });
    expect(pick(dependencies, 'requirements/dev.txt', 'acme-utils')?.source).toBe(
      'git+ssh://git@github.com/acme/utils.git@1f2e3d4c',
    );
    expect(JSON.stringify(dependencies)).not.toMatch(/glpat|token=abc/);
    expect(diagnostics.map((d) => `${d.path} ${d.code}`).sort()).toEqual([
      'requirements/dev.txt include-not-found',
      'requirements/dev.txt unreadable-line',
    ]);
  });

  it('reports files over the size budget and still reads the others', () => {
    const huge = { path: 'requirements-big.txt', content: Buffer.alloc(17 * 1024 * 1024, 0x61) };
    const result = collector.collect([huge, read('constraints.txt')]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual(['requirements-big.txt too-large']);
    expect(result.dependencies).toHaveLength(3);
  });
});
