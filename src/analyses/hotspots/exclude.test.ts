import { describe, expect, it } from 'vitest';
import { exclusionsFrom, isExcluded } from './exclude.ts';

describe('hotspot exclusions', () => {
  it('default and configured globs reach into folders whose names start with a dot', () => {
    const ex = exclusionsFrom({ hotspots: { exclude: ['**/generated/**'] } });
    expect(isExcluded('.storybook/generated/stories.js', null, ex)).toBe(true);
    expect(isExcluded('.vitepress/tests/config.test.ts', null, ex)).toBe(true);
    expect(isExcluded('.vitepress/config.ts', null, ex)).toBe(false);
    expect(isExcluded('src/generated/api.ts', null, exclusionsFrom({ hotspots: { defaults: false } }))).toBe(
      false,
    );
  });
});
