import { describe, expect, it } from 'vitest';
import { globToRegExp, parseGitattributes } from './gitattributes.ts';

describe('globToRegExp', () => {
  it('matches git wildmatch shapes', () => {
    expect(globToRegExp('*.js').test('a.js')).toBe(true);
    expect(globToRegExp('*.js').test('a/b.js')).toBe(false);
    expect(globToRegExp('docs/**').test('docs/a/b.md')).toBe(true);
    expect(globToRegExp('**/gen/*.go').test('gen/a.go')).toBe(true);
    expect(globToRegExp('**/gen/*.go').test('x/y/gen/a.go')).toBe(true);
    expect(globToRegExp('a/**/b').test('a/b')).toBe(true);
    expect(globToRegExp('a/**/b').test('a/x/y/b')).toBe(true);
    expect(globToRegExp('file?.[ch]').test('file1.h')).toBe(true);
    expect(globToRegExp('file?.[!ch]').test('file1.h')).toBe(false);
  });
});

describe('parseGitattributes', () => {
  const root = [
    '# linguist overrides',
    '[attr]binary -diff -merge -text',
    '*.rb linguist-language=Java',
    'vendor/** linguist-vendored',
    'vendor/own/** -linguist-vendored',
    '/generated.js linguist-generated=true',
    '"with space/*.c" linguist-documentation',
    'docs/ linguist-documentation',
    '*.txt text !text',
    '',
  ].join('\n');

  it('applies patterns; later lines win; unset and unspecified are kept apart', () => {
    const m = parseGitattributes([{ path: '.gitattributes', content: root }]);
    expect(m.attributesFor('lib/a.rb')).toEqual({ 'linguist-language': 'Java' });
    expect(m.attributesFor('vendor/x/y.js')).toEqual({ 'linguist-vendored': true });
    expect(m.attributesFor('vendor/own/y.js')).toEqual({ 'linguist-vendored': false });
    expect(m.attributesFor('generated.js')).toEqual({ 'linguist-generated': 'true' });
    expect(m.attributesFor('sub/generated.js')).toEqual({});
    expect(m.attributesFor('with space/a.c')).toEqual({ 'linguist-documentation': true });
    expect(m.attributesFor('docs/a.md')).toEqual({});
    expect(m.attributesFor('a.txt')).toEqual({});
  });

  it('scopes a nested .gitattributes to its folder and lets it win over the root', () => {
    const m = parseGitattributes([
      { path: 'lib/.gitattributes', content: '*.js linguist-vendored=false\n/top.js linguist-generated\n' },
      { path: '.gitattributes', content: '*.js linguist-vendored\n' },
    ]);
    expect(m.attributesFor('lib/a.js')).toEqual({ 'linguist-vendored': 'false' });
    expect(m.attributesFor('lib/top.js')).toEqual({
      'linguist-vendored': 'false',
      'linguist-generated': true,
    });
    expect(m.attributesFor('lib/deep/top.js')).toEqual({ 'linguist-vendored': 'false' });
    expect(m.attributesFor('app.js')).toEqual({ 'linguist-vendored': true });
  });
});
