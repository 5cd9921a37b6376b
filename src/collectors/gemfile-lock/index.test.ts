import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gemfileGroups } from './gemfile.ts';
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
    expect(collector.matches('Gemfile')).toBe(true);
    expect(collector.matches('Gemfile.rb')).toBe(false);
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

describe('gemfile-lock with the Gemfile beside it', () => {
  const gemfile = {
    path: 'Gemfile',
    content: readFileSync(new URL('../../../test/fixtures/collectors/gemfile-lock/Gemfile', import.meta.url)),
  };

  it('a gem only in the development and test groups is dev; the Gemfile itself yields no facts', () => {
    const deps = collector.collect([lock, gemfile]).dependencies!;
    const scopes = Object.fromEntries(deps.map((d) => [d.name, d.scope]));
    expect(scopes.rspec).toBe('dev');
    for (const name of ['activesupport', 'audit-log', 'corp-auth', 'nokogiri', 'racc', 'i18n', 'tzinfo']) {
      expect(scopes[name], name).toBe('prod');
    }
    // Without the Gemfile the same lockfile says nothing about groups: every gem is prod.
    expect(collector.collect([lock]).dependencies!.find((d) => d.name === 'rspec')!.scope).toBe('prod');
    expect(collector.collect([gemfile]).dependencies).toEqual([]);
  });

  it('what only test gems pull in is not prod; what a runtime gem also needs stays prod', () => {
    const lockText = [
      'GEM',
      '  remote: https://rubygems.org/',
      '  specs:',
      '    addressable (2.8.6)',
      '      public_suffix (>= 2.0.2, < 6.0)',
      '    capybara (3.40.0)',
      '      addressable',
      '      xpath (~> 3.2)',
      '    public_suffix (5.0.4)',
      '    rails (7.1.3)',
      '      public_suffix',
      '    xpath (3.2.0)',
      '',
      'DEPENDENCIES',
      '  capybara',
      '  rails',
      '',
    ].join('\n');
    const gemfileText = 'gem "rails"\ngem "capybara", group: :test\n';
    const deps = collector.collect([
      { path: 'app/Gemfile.lock', content: Buffer.from(lockText) },
      { path: 'app/Gemfile', content: Buffer.from(gemfileText) },
    ]).dependencies!;
    const scopes = Object.fromEntries(deps.map((d) => [d.name, d.scope]));
    expect(scopes).toMatchObject({
      capybara: 'test',
      addressable: 'dev',
      xpath: 'dev',
      public_suffix: 'prod',
      rails: 'prod',
    });
    // A Gemfile in another folder does not apply.
    const elsewhere = collector.collect([
      { path: 'app/Gemfile.lock', content: Buffer.from(lockText) },
      { path: 'other/Gemfile', content: Buffer.from(gemfileText) },
    ]).dependencies!;
    expect(elsewhere.find((d) => d.name === 'capybara')!.scope).toBe('prod');
  });

  it('reads group blocks, group options in both spellings, nesting and comments', () => {
    const groups = gemfileGroups(
      [
        'gem "pg" # group: :test in a comment is not a group',
        'group :development do',
        '  gem "pry"',
        '  if ENV["CI"]',
        '    gem "simplecov"',
        '  end',
        'end',
        'gem "rubocop", require: false, group: :lint',
        'gem "capybara", groups: [:test, "ci"]',
        'gem "factory_bot", :group => :test',
        'group(:production) do',
        '  gem "puma"',
        'end',
        'gem "puma"',
        'gem "debug", platforms: %i[mri windows], group: [:development, :test]',
      ].join('\n'),
    );
    const of = (name: string) => [...(groups.get(name) ?? [])].sort();
    expect(of('pg')).toEqual(['default']);
    expect(of('pry')).toEqual(['development']);
    expect(of('simplecov')).toEqual(['development']);
    expect(of('rubocop')).toEqual(['lint']);
    expect(of('capybara')).toEqual(['ci', 'test']);
    expect(of('factory_bot')).toEqual(['test']);
    expect(of('puma')).toEqual(['default', 'production']);
    expect(of('debug')).toEqual(['development', 'test']);
  });
});
