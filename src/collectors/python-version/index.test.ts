import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

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
      { kind: 'python', version: '3.12.1', path: '.python-version', source: '.python-version' },
      { kind: 'python', version: '3.11.7', path: '.python-version', source: '.python-version' },
      { kind: 'python', version: '3.11.6', path: 'api/runtime.txt', source: 'runtime.txt' },
    ]);
  });

  it('reports a runtime.txt that is not python as a diagnostic', () => {
    const result = collector.collect([{ path: 'runtime.txt', content: Buffer.from('java-17\n') }]);
    expect(result.runtimes).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ path: 'runtime.txt', code: 'unsupported' });
  });
});
