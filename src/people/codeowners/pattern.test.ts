import { describe, expect, it } from 'vitest';
import { checkPattern, compilePattern } from './pattern.ts';

const PATHS = [
  'README.md',
  'app.js',
  'src/app.js',
  'src/deep/util.js',
  'docs/index.md',
  'docs/guide/start.md',
  'apps/web/main.ts',
  'lib/apps/x.ts',
  'build/logs/today.log',
  'scripts/logs/a.log',
  'logs',
  'Docs/upper.md',
];

function matched(pattern: string): string[] {
  const m = compilePattern(pattern);
  return PATHS.filter(m);
}

describe('compilePattern', () => {
  it('follows GitHub examples', () => {
    expect(matched('*')).toEqual(PATHS);
    expect(matched('*.js')).toEqual(['app.js', 'src/app.js', 'src/deep/util.js']);
    expect(matched('/build/logs/')).toEqual(['build/logs/today.log']);
    expect(matched('docs/*')).toEqual(['docs/index.md']);
    expect(matched('apps/')).toEqual(['apps/web/main.ts', 'lib/apps/x.ts']);
    expect(matched('/docs/')).toEqual(['docs/index.md', 'docs/guide/start.md']);
    expect(matched('**/logs')).toEqual(['build/logs/today.log', 'scripts/logs/a.log', 'logs']);
    expect(matched('/apps/')).toEqual(['apps/web/main.ts']);
  });

  it('anchors patterns with an inner slash and keeps * inside one segment', () => {
    expect(matched('src/*.js')).toEqual(['src/app.js']);
    expect(matched('src/**/*.js')).toEqual(['src/app.js', 'src/deep/util.js']);
    expect(matched('docs/**')).toEqual(['docs/index.md', 'docs/guide/start.md']);
    expect(matched('?pp.js')).toEqual(['app.js', 'src/app.js']);
    expect(matched('logs/')).toEqual(['build/logs/today.log', 'scripts/logs/a.log']);
  });

  it('is case-sensitive', () => {
    expect(matched('/Docs/')).toEqual(['Docs/upper.md']);
  });

  it('rejects what GitHub does not support', () => {
    expect(checkPattern('!keep.js')).toMatch(/negation/);
    expect(checkPattern('*.[ch]')).toMatch(/ranges/);
    expect(checkPattern('\\#file')).toMatch(/escape/);
    expect(checkPattern('src/')).toBeNull();
  });
});
