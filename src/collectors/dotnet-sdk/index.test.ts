import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripJsonComments } from './extract.ts';
import { collector } from './index.ts';

describe('dotnet-sdk collector', () => {
  it('reads sdk.version from a global.json with comments and trailing commas', () => {
    expect(collector.matches('src/global.json')).toBe(true);
    expect(collector.matches('global.jsonc')).toBe(false);
    const content = readFileSync(
      new URL('../../../test/fixtures/collectors/dotnet-sdk/global.json.txt', import.meta.url),
    );
    const result = collector.collect([{ path: 'global.json', content }]);
    expect(result.runtimes).toEqual([
      { kind: 'dotnet', version: '8.0.204', path: 'global.json', source: 'sdk.version', role: 'pin' },
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('keeps comment-like text inside strings', () => {
    expect(JSON.parse(stripJsonComments('{"a": "http://x/*y*/", // c\n"b": 1,}'))).toEqual({
      a: 'http://x/*y*/',
      b: 1,
    });
  });

  it('a global.json without sdk gives nothing; broken and deep ones give diagnostics', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const result = collector.collect([
      { path: 'a/global.json', content: Buffer.from('{"msbuild-sdks": {}}') },
      { path: 'b/global.json', content: Buffer.from('{"sdk": {"version": ') },
      { path: 'c/global.json', content: Buffer.from(deep) },
      { path: 'd/global.json', content: Buffer.from('[1, 2]') },
      { path: 'e/global.json', content: Buffer.from('{"sdk":{"version":"6.0.400"}}') },
    ]);
    expect(result.diagnostics.map((d) => [d.path, d.code])).toEqual([
      ['b/global.json', 'parse-error'],
      ['c/global.json', 'too-deep'],
      ['d/global.json', 'invalid'],
    ]);
    expect(result.runtimes?.map((r) => r.version)).toEqual(['6.0.400']);
  });
});

describe('dotnet-sdk collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/dotnet-sdk/global.json.txt', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: 'global.json', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
