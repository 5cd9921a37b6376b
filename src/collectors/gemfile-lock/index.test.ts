import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collector } from './index.ts';

const text = readFileSync(
  new URL('../../../test/fixtures/collectors/gemfile-lock/Gemfile.lock', import.meta.url),
  'utf8',
);
const lock = { path: 'Gemfile.lock', content: Buffer.from(text) };

/** Independent count: four-space spec lines outside PATH sections, platform suffix cut, deduplicated. */
function listed(): string[] {
  const found = new Set<string>();
  let section = '';
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) section = line;
    const m = /^ {4}(\S+) \(([^)]+)\)$/.exec(line);
    if (m && section !== 'PATH') found.add(`${m[1]}@${m[2]!.split('-')[0]}`);
  }
  return [...found].sort();
}

describe('gemfile-lock', () => {
  it('matches Gemfile.lock and gems.locked', () => {
    expect(collector.matches('Gemfile.lock')).toBe(true);
    expect(collector.matches('api/gems.locked')).toBe(true);
    expect(collector.matches('Gemfile')).toBe(false);
  });

  it('lists every locked gem once, plus bundler from BUNDLED WITH', () => {
    const deps = collector.collect([lock]).dependencies!;
    const gems = deps
      .filter((d) => d.scope === 'prod')
      .map((d) => `${d.name}@${d.version}`)
      .sort();
    expect(gems).toEqual(listed());
    expect(gems).toHaveLength(10);
    expect(deps.find((d) => d.name === 'bundler')).toMatchObject({ version: '2.5.7', scope: 'build' });
  });

  it('marks DEPENDENCIES as direct, fills parents and keeps sources without credentials', () => {
    const deps = collector.collect([lock]).dependencies!;
    const by = (name: string) => deps.find((d) => d.name === name)!;
    expect(
      deps
        .filter((d) => d.direct && d.name !== 'bundler')
        .map((d) => d.name)
        .sort(),
    ).toEqual(['activesupport', 'audit-log', 'corp-auth', 'nokogiri', 'rspec']);
    expect(by('concurrent-ruby').parents).toEqual(['activesupport', 'i18n', 'tzinfo']);
    expect(by('i18n').parents).toEqual(['activesupport', 'money']);
    expect(by('audit-log').source).toBe(
      'https://gitlab.example.com/platform/audit-log.git#3f1c2e9d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e',
    );
    expect(by('corp-auth').source).toBe('https://gems.corp.example.com/private/');
    expect(by('racc').source).toBeNull();
    expect(deps.some((d) => d.name === 'billing')).toBe(false);
  });

  it('reports the Ruby version', () => {
    expect(collector.collect([lock]).runtimes).toEqual([
      { kind: 'ruby', version: '3.3.0p0', path: 'Gemfile.lock', source: 'RUBY VERSION', role: 'pin' },
    ]);
  });

  it('reports files it cannot read and reads the others', () => {
    const result = collector.collect([
      { path: 'x/Gemfile.lock', content: Buffer.from('{"not": "a lockfile"}\n') },
      { path: 'y/Gemfile.lock', content: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) },
      lock,
    ]);
    expect(result.diagnostics.map((d) => `${d.path} ${d.code} ${d.collector}`)).toEqual([
      'x/Gemfile.lock parse-error gemfile-lock',
      'y/Gemfile.lock too-large gemfile-lock',
    ]);
    expect(result.dependencies!.length).toBe(11);
  });
});
