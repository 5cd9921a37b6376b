import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/collectors/python-version/${name}`, import.meta.url));

describe('python-version collector', () => {
  it('matches .python-version and runtime.txt', () => {
    expect(collector.matches('.python-version')).toBe(true);
    expect(collector.matches('svc/runtime.txt')).toBe(true);
    expect(collector.matches('requirements.txt')).toBe(false);
  });

  it('reads every pyenv version and the Heroku runtime', () => {
    const result = collector.collect([
      { path: '.python-version', content: fixture('.python-version') },
      { path: 'api/runtime.txt', content: fixture('runtime.txt') },
    ]);
    expect(result.runtimes).toEqual([
      { kind: 'python', version: '3.12.1', path: '.python-version', source: '.python-version', role: 'pin' },
      { kind: 'python', version: '3.11.7', path: '.python-version', source: '.python-version', role: 'pin' },
      { kind: 'python', version: '3.11.6', path: 'api/runtime.txt', source: 'runtime.txt', role: 'pin' },
    ]);
  });

  it('reports a runtime.txt that is not python as a diagnostic', () => {
    const result = collector.collect([{ path: 'runtime.txt', content: Buffer.from('java-17\n') }]);
    expect(result.runtimes).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ path: 'runtime.txt', code: 'unsupported' });
  });
});

describe('python-version collector on damaged input', () => {
  it('never throws on a truncated and corrupted real-shaped file', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/collectors/python-version/runtime.txt', import.meta.url),
      'utf8',
    );
    fc.assert(
      fc.property(fc.nat(text.length), fc.string(), fc.nat(text.length), (cut, junk, resume) => {
        const content = Buffer.from(text.slice(0, cut) + junk + text.slice(resume));
        const result = collector.collect([{ path: 'runtime.txt', content }]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
