import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string, path = 'Cargo.lock') => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/cargo-lock/${name}`, import.meta.url)),
});

/** Independent count: `name@version` of every [[package]] with a source line, by plain text scanning. */
function listed(name: string): string[] {
  const text = readFileSync(
    new URL(`../../../test/fixtures/collectors/cargo-lock/${name}`, import.meta.url),
    'utf8',
  );
  return text
    .split('[[package]]')
    .slice(1)
    .filter((block) => /\nsource = /.test(block))
    .map((block) => `${/name = "([^"]+)"/.exec(block)![1]}@${/version = "([^"]+)"/.exec(block)![1]}`)
    .sort();
}

const ids = (file: string) =>
  collector
    .collect([fixture(file)])
    .dependencies!.map((d) => `${d.name}@${d.version}`)
    .sort();

describe('cargo-lock', () => {
  it('matches Cargo.lock only', () => {
    expect(collector.matches('Cargo.lock')).toBe(true);
    expect(collector.matches('a/b/Cargo.lock')).toBe(true);
    expect(collector.matches('Cargo.toml')).toBe(false);
  });

  it.each(['v1.lock', 'v3.lock', 'v4.lock'])('lists exactly the sourced packages of %s', (file) => {
    expect(ids(file)).toEqual(listed(file));
    expect(ids(file).length).toBeGreaterThanOrEqual(2);
  });

  it('v1: resolves `name version (source)` references, direct and parents', () => {
    const deps = collector.collect([fixture('v1.lock')]).dependencies!;
    const by = (id: string) => deps.find((d) => `${d.name}@${d.version}` === id)!;
    expect(by('log@0.4.8').direct).toBe(true);
    expect(by('rand@0.7.3').direct).toBe(true);
    expect(by('rand@0.6.5')).toMatchObject({ direct: false, parents: ['rand'] });
    expect(by('cfg-if@0.1.10')).toMatchObject({ direct: false, parents: ['log'], source: null });
  });

  it('v3: picks the right one of two versions and removes credentials from git sources', () => {
    const deps = collector.collect([fixture('v3.lock')]).dependencies!;
    const by = (id: string) => deps.find((d) => `${d.name}@${d.version}` === id)!;
    expect(by('bitflags@2.5.0')).toMatchObject({ direct: true, parents: ['core-lib'] });
    expect(by('bitflags@1.3.2')).toMatchObject({ direct: false, parents: ['nix'] });
    expect(by('nix@0.26.4').direct).toBe(true);
    expect(by('patched@0.9.0').direct).toBe(true);
    expect(by('patched@0.9.0').source).toContain('github.com/example/patched');
    expect(by('patched@0.9.0').source).not.toContain('ghp_abc123');
  });

  it('v4: keeps alternative registries as the source', () => {
    const deps = collector.collect([fixture('v4.lock')]).dependencies!;
    expect(deps.find((d) => d.name === 'internal-tool')?.source).toBe(
      'sparse+https://crates.corp.example.com/api/v1/crates/',
    );
    expect(deps.find((d) => d.name === 'itoa')?.source).toBeNull();
  });

  it('bad input becomes diagnostics; the other files are still read', () => {
    const result = collector.collect([
      { path: 'bad/Cargo.lock', content: Buffer.from('version = 3\n[[package]\nname = "x"') },
      { path: 'odd/Cargo.lock', content: Buffer.from('version = 9\n') },
      { path: 'big/Cargo.lock', content: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) },
      fixture('v4.lock'),
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code}`)).toEqual([
      'bad/Cargo.lock parse-error',
      'odd/Cargo.lock unsupported-version',
      'big/Cargo.lock too-large',
    ]);
    expect(result.dependencies).toHaveLength(2);
  });
});
