import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ANALYSES } from './registry.ts';

test('every analysis folder with an analysis.ts is registered once, after the analyses it reads', () => {
  const here = import.meta.dirname;
  const folders = readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'analysis.ts')))
    .map((d) => d.name)
    .sort();
  const ids = ANALYSES.map((a) => a.id);
  expect([...ids].sort()).toEqual(folders);
  ANALYSES.forEach((a, i) => {
    for (const dep of a.after ?? [])
      expect(ids.indexOf(dep), `${a.id} runs after ${dep}`).toBeGreaterThanOrEqual(0);
    for (const dep of a.after ?? []) expect(ids.indexOf(dep)).toBeLessThan(i);
  });
});
