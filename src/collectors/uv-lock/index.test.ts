import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency } from '../types.ts';
import { collector } from './index.ts';

const lock = {
  path: 'uv.lock',
  content: readFileSync(join(import.meta.dirname, '../../../test/fixtures/collectors/uv-lock/uv.lock')),
};
const ids = (deps: Dependency[] = []) => deps.map((d) => `${d.name}@${d.version}`).sort();
const byId = (deps: Dependency[] = [], id: string) => deps.find((d) => `${d.name}@${d.version}` === id);

describe('uv-lock collector', () => {
  it('matches uv.lock', () => {
    expect(collector.matches('uv.lock')).toBe(true);
    expect(collector.matches('py/uv.lock')).toBe(true);
    expect(collector.matches('uv.lock.json')).toBe(false);
  });

  it('lists every locked package except the project and its workspace members', () => {
    const { dependencies, diagnostics } = collector.collect([lock]);
    expect(diagnostics).toEqual([]);
    expect(ids(dependencies)).toEqual([
      'anyio@4.4.0',
      'idna@3.7',
      'iniconfig@2.0.0',
      'numpy@1.26.4',
      'numpy@2.0.0',
      'private-s3-helpers@1.0.2',
      'pytest@8.2.2',
      'sniffio@1.3.1',
      'typing-extensions@4.12.2',
    ]);
  });

  it('derives direct, scope and parents from the local packages', () => {
    const { dependencies } = collector.collect([lock]);
    expect(byId(dependencies, 'anyio@4.4.0')).toMatchObject({
      direct: true,
      scope: 'prod',
      parents: ['ingest'],
    });
    expect(byId(dependencies, 'sniffio@1.3.1')).toMatchObject({
      direct: false,
      scope: 'prod',
      parents: ['anyio'],
    });
    expect(byId(dependencies, 'numpy@2.0.0')).toMatchObject({ direct: true, scope: 'prod' });
    expect(byId(dependencies, 'typing-extensions@4.12.2')).toMatchObject({
      direct: true,
      scope: 'prod',
      source: 'https://pypi.internal.example/simple',
    });
    expect(byId(dependencies, 'pytest@8.2.2')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byId(dependencies, 'iniconfig@2.0.0')).toMatchObject({ direct: false, scope: 'dev' });
    expect(byId(dependencies, 'private-s3-helpers@1.0.2')).toMatchObject({ direct: true, scope: 'optional' });
    expect(byId(dependencies, 'private-s3-helpers@1.0.2')?.source).toBe(
      'https://github.com/acme/s3-helpers?rev=v1.0.2#5b9f1c0de2a94b6a3c5d7e8f9a0b1c2d3e4f5a6b',
    );
    expect(JSON.stringify(dependencies)).not.toContain('glpat');
  });

  it('reports malformed and deeply nested files', () => {
    const deep = `x = ${'['.repeat(300)}${']'.repeat(300)}\n`;
    const result = collector.collect([
      { path: 'a/uv.lock', content: Buffer.from('version = 1\n[[package]\nname = "x"') },
      { path: 'b/uv.lock', content: Buffer.from(deep) },
      { path: 'c/uv.lock', content: Buffer.from('version = 7\n[[package]]\nname = "x"\nversion = "1"\n') },
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'a/uv.lock parse-error',
      'b/uv.lock too-deep',
      'c/uv.lock unsupported-version',
    ]);
    expect(ids(result.dependencies)).toEqual(['x@1']);
  });
});
