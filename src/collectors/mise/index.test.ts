import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = readFileSync(new URL('../../../test/fixtures/collectors/mise/mise.toml', import.meta.url));

describe('mise collector', () => {
  it('finds mise config files where mise reads them, and nothing else', () => {
    for (const path of [
      'mise.toml',
      'svc/.mise.toml',
      'mise.local.toml',
      '.config/mise.toml',
      'mise/config.toml',
      '.mise/config.toml',
      'svc/.config/mise/config.toml',
    ]) {
      expect(collector.matches(path), path).toBe(true);
    }
    for (const path of [
      'mise.tomlx',
      'config.toml',
      'other/config.toml',
      'rust-toolchain.toml',
      'notmise.toml',
    ]) {
      expect(collector.matches(path), path).toBe(false);
    }
  });

  it('reads each runtime tool as a pin: first of a list, a table version, a prefix; skips system, path and non-runtime tools', () => {
    const result = collector.collect([{ path: 'svc/mise.toml', content: fixture }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.runtimes?.map((r) => [r.kind, r.version, r.source, r.role, r.path])).toEqual([
      ['node', '22.11.0', '[tools] node', 'pin', 'svc/mise.toml'],
      ['python', '3.12.7', '[tools] python', 'pin', 'svc/mise.toml'],
      ['ruby', '3.3.6', '[tools] core:ruby', 'pin', 'svc/mise.toml'],
      ['go', '1.23', '[tools] go', 'pin', 'svc/mise.toml'],
      ['rust', '1.82.0', '[tools] rust', 'pin', 'svc/mise.toml'],
    ]);
  });

  it('a file without [tools] names no runtime and is not a problem; broken TOML is a diagnostic', () => {
    const none = collector.collect([{ path: 'mise.toml', content: Buffer.from('[env]\nA = "1"\n') }]);
    expect(none.runtimes).toEqual([]);
    expect(none.diagnostics).toEqual([]);
    const broken = collector.collect([{ path: 'mise.toml', content: Buffer.from('[tools\nnode = "22"\n') }]);
    expect(broken.runtimes).toEqual([]);
    expect(broken.diagnostics.map((d) => [d.path, d.collector, d.code])).toEqual([
      ['mise.toml', 'mise', 'parse-error'],
    ]);
  });

  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = fixture.toString('utf8');
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: 'mise.toml', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
