import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency, FileInput } from '../types.ts';
import { collector } from './index.ts';

const read = (rel: string): FileInput => ({
  path: rel,
  content: readFileSync(join(import.meta.dirname, '../../../test/fixtures/collectors/poetry-lock', rel)),
});
const ids = (deps: Dependency[] = []) => deps.map((d) => `${d.name}@${d.version}`).sort();
const byId = (deps: Dependency[] = [], id: string) => deps.find((d) => `${d.name}@${d.version}` === id);

describe('poetry-lock collector', () => {
  it('matches poetry.lock and pyproject.toml', () => {
    expect(collector.matches('poetry.lock')).toBe(true);
    expect(collector.matches('svc/pyproject.toml')).toBe(true);
    expect(collector.matches('Pipfile.lock')).toBe(false);
  });

  it('reads a Poetry 2 lockfile: groups, optional, git sources, parents', () => {
    const { dependencies, diagnostics } = collector.collect([
      read('poetry2/poetry.lock'),
      read('poetry2/pyproject.toml'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(ids(dependencies)).toEqual([
      'acme-charts@0.9.1',
      'certifi@2024.6.2',
      'charset-normalizer@3.3.2',
      'colorama@0.4.6',
      'psycopg@3.1.19',
      'pytest@8.2.2',
      'requests@2.32.3',
    ]);
    expect(byId(dependencies, 'requests@2.32.3')).toMatchObject({
      direct: true,
      scope: 'prod',
      parents: ['acme-charts'],
    });
    expect(byId(dependencies, 'certifi@2024.6.2')).toMatchObject({
      direct: false,
      scope: 'prod',
      parents: ['requests'],
    });
    expect(byId(dependencies, 'psycopg@3.1.19')).toMatchObject({ direct: true, scope: 'optional' });
    expect(byId(dependencies, 'pytest@8.2.2')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byId(dependencies, 'colorama@0.4.6')).toMatchObject({
      direct: false,
      scope: 'dev',
      parents: ['pytest'],
    });
    expect(byId(dependencies, 'acme-charts@0.9.1')?.source).toBe(
      'https://git.example.com/acme/charts.git@9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b',
    );
    expect(JSON.stringify(dependencies)).not.toContain('s3cr3t');
  });

  it('reads an old lockfile with categories and no pyproject beside it', () => {
    const { dependencies } = collector.collect([read('poetry1/poetry.lock')]);
    expect(ids(dependencies)).toEqual(['click@8.1.7', 'colorama@0.4.6', 'mypy-extensions@1.0.0']);
    expect(byId(dependencies, 'mypy-extensions@1.0.0')).toMatchObject({ scope: 'dev', direct: false });
    expect(byId(dependencies, 'colorama@0.4.6')).toMatchObject({ scope: 'prod', parents: ['click'] });
  });

  it('reports a broken lockfile and reads the others', () => {
    const result = collector.collect([
      { path: 'x/poetry.lock', content: Buffer.from('[[package]]\nname = "a"\nversion = ') },
      {
        path: 'y/poetry.lock',
        content: Buffer.from('[[package]]\nname = "b"\n\n[[package]]\nname = "c"\nversion = "2.0"\n'),
      },
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'x/poetry.lock parse-error',
      'y/poetry.lock bad-entry',
    ]);
    expect(ids(result.dependencies)).toEqual(['c@2.0']);
  });
});
