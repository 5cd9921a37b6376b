import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

describe('ruby-version collector', () => {
  it('reads .ruby-version with and without the ruby- prefix', () => {
    expect(collector.matches('app/.ruby-version')).toBe(true);
    expect(collector.matches('.ruby-gemset')).toBe(false);
    const content = readFileSync(
      new URL('../../../test/fixtures/collectors/ruby-version/.ruby-version', import.meta.url),
    );
    const result = collector.collect([
      { path: '.ruby-version', content },
      { path: 'legacy/.ruby-version', content: Buffer.from('2.7.8') },
      { path: 'jvm/.ruby-version', content: Buffer.from('jruby-9.4.5.0\n') },
    ]);
    expect(result.runtimes?.map((r) => [r.path, r.kind, r.version])).toEqual([
      ['.ruby-version', 'ruby', '3.3.0'],
      ['legacy/.ruby-version', 'ruby', '2.7.8'],
      ['jvm/.ruby-version', 'ruby', 'jruby-9.4.5.0'],
    ]);
  });

  it('gives a diagnostic for an empty file', () => {
    const result = collector.collect([{ path: '.ruby-version', content: Buffer.from('') }]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['no-version']);
  });
});

describe('ruby-version collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/ruby-version/.ruby-version', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: '.ruby-version', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
