import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ANALYSES } from './registry.ts';
import { FACT_STAGES, REPORT_AREAS } from './types.ts';

test('every folder under src/analyses/ is a registered analysis, listed once after the analyses it reads', () => {
  const here = import.meta.dirname;
  const folders = readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const folder of folders) expect(existsSync(join(here, folder, 'analysis.ts')), folder).toBe(true);
  const ids = ANALYSES.map((a) => a.id);
  expect([...ids].sort()).toEqual(folders);
  ANALYSES.forEach((a, i) => {
    for (const dep of a.after ?? [])
      expect(ids.indexOf(dep), `${a.id} runs after ${dep}`).toBeGreaterThanOrEqual(0);
    for (const dep of a.after ?? []) expect(ids.indexOf(dep)).toBeLessThan(i);
  });
});

test('every analysis declares the facts stages it reads, so the scan starts it as soon as they are stored', () => {
  for (const a of ANALYSES) {
    expect(a.needs, `${a.id} declares needs`).toBeDefined();
    for (const stage of a.needs ?? []) expect(FACT_STAGES, `${a.id} needs ${stage}`).toContain(stage);
  }
});

test('a selection of analyses keeps registry order, adds what they read, and refuses unknown ids', async () => {
  const { selectAnalyses } = await import('./registry.ts');
  const first = ANALYSES[0]?.id ?? '';
  const last = ANALYSES.at(-1)?.id ?? '';
  const ids = selectAnalyses([last, first]).map((a) => a.id);
  expect(ids[0]).toBe(first);
  expect(ids.at(-1)).toBe(last);
  const order = ids.map((id) => ANALYSES.findIndex((a) => a.id === id));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  for (const a of ANALYSES) {
    const chosen = selectAnalyses([a.id]).map((x) => x.id);
    for (const dep of a.after ?? []) expect(chosen).toContain(dep);
  }
  expect(() => selectAnalyses(['no-such-analysis'])).toThrow(
    /unknown analysis "no-such-analysis"; the analyses are: /,
  );
});

test('each analysis declares a report area, and tables, metric names and rules no other analysis declares', () => {
  const owner = new Map<string, string>();
  for (const a of ANALYSES) {
    expect(REPORT_AREAS, a.id).toContain(a.area);
    for (const name of [...a.writes.map((t) => `table ${t}`), ...a.metrics, ...a.rules]) {
      expect(owner.get(name), `${name} is declared by ${owner.get(name)} and ${a.id}`).toBeUndefined();
      owner.set(name, a.id);
    }
  }
});
