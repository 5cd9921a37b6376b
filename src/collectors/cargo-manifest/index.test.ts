import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string, path = name) => ({
  path,
  content: readFileSync(new URL(`../../../test/fixtures/collectors/cargo-manifest/${name}`, import.meta.url)),
});

const workspace = [
  fixture('workspace/Cargo.toml', 'Cargo.toml'),
  fixture('workspace/crates/core/Cargo.toml', 'crates/core/Cargo.toml'),
  fixture('workspace/crates/cli/Cargo.toml', 'crates/cli/Cargo.toml'),
];

describe('cargo-manifest', () => {
  it('matches Cargo.toml anywhere, nothing else', () => {
    expect(collector.matches('Cargo.toml')).toBe(true);
    expect(collector.matches('crates/a/Cargo.toml')).toBe(true);
    expect(collector.matches('Cargo.lock')).toBe(false);
    expect(collector.matches('xCargo.toml')).toBe(false);
  });

  it('reads every dependency table and inherits workspace versions', () => {
    const result = collector.collect(workspace);
    const core = result.dependencies!.filter((d) => d.manifestPath === 'crates/core/Cargo.toml');
    const summary = core.map((d) => `${d.name} ${d.requirement} ${d.scope}`).sort();
    expect(summary).toEqual([
      'cc 1.0.90 build',
      'libc 0.2.153 prod',
      'private-crate 2 prod',
      'proptest 1.4 dev',
      'rand 0.8 optional',
      'serde 1.0.197 prod',
      'thiserror 1.0.58 prod',
      'tokio 1.36 dev',
      'winapi 0.3.9 prod',
    ]);
    expect(core.find((d) => d.name === 'private-crate')?.source).toBe('registry:corp');
    expect(core.every((d) => d.direct && d.version === null && d.ecosystem === 'crates.io')).toBe(true);
  });

  it('skips path crates, removes credentials from git sources and reports unresolved inheritance', () => {
    const result = collector.collect(workspace);
    const cli = result.dependencies!.filter((d) => d.manifestPath === 'crates/cli/Cargo.toml');
    expect(cli.map((d) => d.name).sort()).toEqual(['anyhow', 'clap', 'forked', 'missing']);
    const forked = cli.find((d) => d.name === 'forked')!;
    expect(forked.source).toContain('git.example.com/team/forked.git');
    expect(forked.source).not.toContain('s3cr3t');
    expect(cli.find((d) => d.name === 'missing')?.requirement).toBeNull();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ path: 'crates/cli/Cargo.toml', code: 'unresolved-workspace-dependency' }),
    ]);
  });

  it('reports rust-version, own or inherited from the workspace', () => {
    const runtimes = collector.collect(workspace).runtimes!;
    expect(runtimes.map((r) => `${r.path} ${r.version} ${r.source} ${r.role}`).sort()).toEqual([
      'Cargo.toml 1.74 workspace.package.rust-version floor',
      'crates/cli/Cargo.toml 1.76 package.rust-version floor',
      'crates/core/Cargo.toml 1.74 package.rust-version (workspace) floor',
    ]);
  });

  it('turns a broken or oversized file into a diagnostic and still reads the others', () => {
    const huge = { path: 'big/Cargo.toml', content: Buffer.alloc(17 * 1024 * 1024, 0x20) };
    const deep = {
      path: 'deep/Cargo.toml',
      content: Buffer.from(`a = ${'['.repeat(5000)}${']'.repeat(5000)}`),
    };
    const result = collector.collect([
      fixture('broken.toml', 'Cargo.toml'),
      huge,
      deep,
      fixture('single.toml', 'tool/Cargo.toml'),
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code} ${d.collector}`)).toEqual([
      'Cargo.toml parse-error cargo-manifest',
      'big/Cargo.toml too-large cargo-manifest',
      'deep/Cargo.toml parse-error cargo-manifest',
    ]);
    expect(result.dependencies!.map((d) => `${d.name} ${d.requirement}`)).toEqual([
      'regex 1.10',
      'log =0.4.21',
    ]);
  });
});
