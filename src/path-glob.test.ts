import { describe, expect, it } from 'vitest';
import { matchesPathGlob } from './path-glob.ts';

describe('matchesPathGlob', () => {
  it('matches names that start with a dot like any other name', () => {
    expect(matchesPathGlob('.vitepress/dist/app.min.js', '**/*.min.js')).toBe(true);
    expect(matchesPathGlob('docs/.vitepress/config.ts', 'docs/**')).toBe(true);
    expect(matchesPathGlob('.github/workflows/ci.yml', '**/workflows/*')).toBe(true);
    expect(matchesPathGlob('src/.hidden.ts', 'src/*.ts')).toBe(true);
  });

  it('still needs the rest of the glob to match, and a literal dot to be a dot', () => {
    expect(matchesPathGlob('.github/workflows/ci.yml', '**/*.json')).toBe(false);
    expect(matchesPathGlob('src/app.ts', 'src/.app.ts')).toBe(false);
    expect(matchesPathGlob('src/.app.ts', 'src/.app.ts')).toBe(true);
    expect(matchesPathGlob('lib/app.ts', 'src/**')).toBe(false);
  });
});
