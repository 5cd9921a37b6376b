import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency, FileInput } from '../types.ts';
import { collector } from './index.ts';

const read = (rel: string): FileInput => ({
  path: rel,
  content: readFileSync(join(import.meta.dirname, '../../../test/fixtures/collectors/pypi-pyproject', rel)),
});
const view = (deps: Dependency[] = []) =>
  deps.map((d) => `${d.scope} ${d.name} ${d.version ?? '-'} ${d.requirement ?? '-'}`);

describe('pypi-pyproject collector', () => {
  it('matches pyproject.toml', () => {
    expect(collector.matches('pyproject.toml')).toBe(true);
    expect(collector.matches('services/api/pyproject.toml')).toBe(true);
    expect(collector.matches('pyproject.toml.orig')).toBe(false);
  });

  it('reads PEP 621 dependencies, extras and PEP 735 groups with include-group', () => {
    const { dependencies, runtimes, diagnostics } = collector.collect([read('pep621/pyproject.toml')]);
    expect(view(dependencies)).toEqual([
      'prod fastapi - >=0.111,<0.112',
      'prod pydantic 2.7.4 ==2.7.4',
      'prod sqlalchemy - ~=2.0.30',
      'prod acme-auth - git+https://github.com/acme/auth.git@v2.1.0',
      'prod uvloop - >=0.19',
      'optional asyncpg 0.29.0 ==0.29.0',
      'optional opentelemetry-sdk - >=1.25',
      'optional sentry-sdk - >=2',
      'test pytest - >=8',
      'test pytest-asyncio 0.23.7 ==0.23.7',
      'test mypy 1.10.0 ==1.10.0',
      'test types-requests - -',
      'dev mypy 1.10.0 ==1.10.0',
      'dev types-requests - -',
      'dev pytest - >=8',
      'dev pytest-asyncio 0.23.7 ==0.23.7',
      'dev mypy 1.10.0 ==1.10.0',
      'dev types-requests - -',
      'dev ruff - >=0.4.8',
    ]);
    expect(dependencies?.find((d) => d.name === 'acme-auth')?.source).toBe(
      'git+https://github.com/acme/auth.git@v2.1.0',
    );
    expect(JSON.stringify(dependencies)).not.toContain('ghp_');
    expect(runtimes).toEqual([
      {
        kind: 'python',
        version: '>=3.11,<3.14',
        path: 'pep621/pyproject.toml',
        source: 'project.requires-python',
        role: 'floor',
      },
    ]);
    expect(diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
      'bad-requirement: not a PEP 508 requirement: not a valid requirement!',
      'bad-dependency-group: include-group "nowhere" names no group',
    ]);
  });

  it('reads Poetry dependencies, groups and the python constraint', () => {
    const { dependencies, runtimes } = collector.collect([read('poetry/pyproject.toml')]);
    expect(view(dependencies)).toEqual([
      'prod requests - ^2.32',
      'prod jinja2 3.1.4 3.1.4',
      'prod pandas - >=2.2,<3',
      'optional psycopg 3.1.19 3.1.19',
      'prod numpy - <2',
      'prod numpy - >=2',
      'prod acme-charts - https://git.example.com/acme/charts.git@v0.9.1',
      'prod shared-models - ../shared-models',
      'dev flake8 - *',
      'dev black - ^24.4',
      'test pytest 8.2.2 ==8.2.2',
    ]);
    expect(JSON.stringify(dependencies)).not.toContain('s3cr3t');
    expect(runtimes).toEqual([
      {
        kind: 'python',
        version: '^3.10',
        path: 'poetry/pyproject.toml',
        source: 'tool.poetry.dependencies.python',
        role: 'floor',
      },
    ]);
  });

  it('reports cycles in dependency groups and malformed TOML', () => {
    const cycle = '[dependency-groups]\na = [{include-group = "b"}, "x"]\nb = [{include-group = "a"}]\n';
    const result = collector.collect([
      { path: 'cycle/pyproject.toml', content: Buffer.from(cycle) },
      { path: 'bad/pyproject.toml', content: Buffer.from('[project\nname = "x"') },
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'cycle/pyproject.toml bad-dependency-group',
      'cycle/pyproject.toml bad-dependency-group',
      'bad/pyproject.toml parse-error',
    ]);
    expect(view(result.dependencies)).toEqual(['dev x - -', 'dev x - -']);
  });
});
