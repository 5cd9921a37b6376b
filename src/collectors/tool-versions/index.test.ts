import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

describe('tool-versions collector', () => {
  it('maps every known asdf tool to a runtime, first version wins, system and unknown tools skipped', () => {
    expect(collector.matches('.tool-versions')).toBe(true);
    expect(collector.matches('tool-versions')).toBe(false);
    const content = readFileSync(
      new URL('../../../test/fixtures/collectors/tool-versions/.tool-versions', import.meta.url),
    );
    const result = collector.collect([{ path: '.tool-versions', content }]);
    expect(result.runtimes?.map((r) => [r.kind, r.version, r.source, r.role])).toEqual([
      ['node', '20.11.0', '.tool-versions nodejs', 'pin'],
      ['python', '3.12.1', '.tool-versions python', 'pin'],
      ['go', '1.22.0', '.tool-versions golang', 'pin'],
      ['terraform', '1.7.3', '.tool-versions terraform', 'pin'],
      ['java', 'temurin-21.0.2+13.0.LTS', '.tool-versions java', 'pin'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('tool-versions collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/tool-versions/.tool-versions', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: '.tool-versions', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
