import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/collectors/node-version/${name}`, import.meta.url));

describe('node-version collector', () => {
  it('matches .nvmrc and .node-version anywhere, nothing else', () => {
    expect(collector.matches('.nvmrc')).toBe(true);
    expect(collector.matches('apps/web/.node-version')).toBe(true);
    expect(collector.matches('nvmrc')).toBe(false);
    expect(collector.matches('.nvmrc.bak')).toBe(false);
  });

  it('reads the version as written, skipping comments', () => {
    const result = collector.collect([
      { path: '.nvmrc', content: fixture('.nvmrc') },
      { path: 'web/.nvmrc', content: fixture('lts.nvmrc') },
      { path: '.node-version', content: Buffer.from('18\n') },
    ]);
    expect(result.runtimes).toEqual([
      { kind: 'node', version: 'v20.11.1', path: '.nvmrc', source: '.nvmrc', role: 'pin' },
      { kind: 'node', version: 'lts/iron', path: 'web/.nvmrc', source: '.nvmrc', role: 'pin' },
      { kind: 'node', version: '18', path: '.node-version', source: '.node-version', role: 'pin' },
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('turns empty, binary and huge files into diagnostics and reads the others', () => {
    const result = collector.collect([
      { path: 'a/.nvmrc', content: Buffer.from('\n# nothing\n') },
      { path: 'b/.nvmrc', content: Buffer.from([0, 1, 2]) },
      { path: 'c/.nvmrc', content: Buffer.alloc(1024 * 1024, 0x31) },
      { path: 'd/.nvmrc', content: Buffer.from('22') },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code, d.collector])).toEqual([
      ['a/.nvmrc', 'no-version', 'node-version'],
      ['b/.nvmrc', 'binary', 'node-version'],
      ['c/.nvmrc', 'too-large', 'node-version'],
    ]);
    expect(result.runtimes?.map((r) => r.version)).toEqual(['22']);
  });
});

describe('node-version collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/node-version/.nvmrc', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: '.nvmrc', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
