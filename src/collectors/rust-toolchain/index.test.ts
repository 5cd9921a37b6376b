import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/collectors/rust-toolchain/${name}`, import.meta.url));

describe('rust-toolchain collector', () => {
  it('matches rust-toolchain and rust-toolchain.toml anywhere, nothing else', () => {
    expect(collector.matches('rust-toolchain.toml')).toBe(true);
    expect(collector.matches('crates/x/rust-toolchain')).toBe(true);
    expect(collector.matches('rust-toolchain.toml.bak')).toBe(false);
    expect(collector.matches('Cargo.toml')).toBe(false);
  });

  it('reads the channel as a pin of the Rust runtime, from TOML or the one-line legacy file', () => {
    const result = collector.collect([
      { path: 'rust-toolchain.toml', content: fixture('rust-toolchain.toml') },
      { path: 'legacy/rust-toolchain', content: fixture('legacy/rust-toolchain') },
      { path: 'toml/rust-toolchain', content: Buffer.from('[toolchain]\nchannel = "1.75"\n') },
      { path: 'local/rust-toolchain.toml', content: Buffer.from('[toolchain]\npath = "/opt/rust"\n') },
    ]);
    expect(result.runtimes).toEqual([
      {
        kind: 'rust',
        version: '1.82.0',
        path: 'rust-toolchain.toml',
        source: 'toolchain.channel',
        role: 'pin',
      },
      {
        kind: 'rust',
        version: 'nightly-2024-05-01',
        path: 'legacy/rust-toolchain',
        source: 'rust-toolchain',
        role: 'pin',
      },
      {
        kind: 'rust',
        version: '1.75',
        path: 'toml/rust-toolchain',
        source: 'toolchain.channel',
        role: 'pin',
      },
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('turns broken files into diagnostics and reads the others', () => {
    const result = collector.collect([
      { path: 'a/rust-toolchain.toml', content: Buffer.from('[toolchain\nchannel = ') },
      { path: 'b/rust-toolchain.toml', content: Buffer.from('[package]\nname = "x"\n') },
      { path: 'c/rust-toolchain.toml', content: Buffer.from('toolchain = 3\n') },
      { path: 'd/rust-toolchain', content: Buffer.from('stable\n') },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code])).toEqual([
      ['a/rust-toolchain.toml', 'parse-error'],
      ['b/rust-toolchain.toml', 'no-toolchain'],
      ['c/rust-toolchain.toml', 'not-an-object'],
    ]);
    expect(result.runtimes?.map((r) => r.version)).toEqual(['stable']);
  });
});

describe('rust-toolchain collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = fixture('rust-toolchain.toml').toString('utf8');
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        for (const path of ['rust-toolchain.toml', 'rust-toolchain']) {
          const result = collector.collect([{ path, content }]);
          expect(Array.isArray(result.diagnostics)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
