import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { parseYamlText } from '../yaml-file.ts';
import { radarConfig, radarConfigSchema } from './config.ts';
import { loadRadar } from './load.ts';

afterAll(cleanupTemp);

function workspace(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const item = (front: string, body = 'Why.') => `---\n${front}\n---\n\n${body}\n`;

describe('radar folder', () => {
  it('follows an item through the releases: a later file adds a history entry and keeps what it omits', () => {
    const dir = workspace({
      'radar/2026-01-01/kafka.md': item(
        'title: Kafka\nring: trial\nquadrant: tools\ntags: [events]',
        'First look.',
      ),
      'radar/2026-06-01/kafka.md': item('ring: adopt', 'It works.'),
      'radar/2026-06-01/redis.md': item(
        'title: Redis\nring: hold\nquadrant: platforms-and-operations\nfeatured: false',
      ),
    });
    const radar = loadRadar(dir, radarConfig(undefined));
    expect(radar?.diagnostics).toEqual([]);
    expect(radar?.releases).toEqual(['2026-01-01', '2026-06-01']);
    const kafka = radar?.items.find((i) => i.id === 'kafka');
    expect(kafka).toMatchObject({
      title: 'Kafka',
      ring: 'adopt',
      quadrant: 'tools',
      tags: ['events'],
      featured: true,
    });
    expect(kafka?.history.map((h) => [h.release, h.ring, h.body])).toEqual([
      ['2026-01-01', 'trial', 'First look.'],
      ['2026-06-01', 'adopt', 'It works.'],
    ]);
    expect(radar?.items.find((i) => i.id === 'redis')?.featured).toBe(false);
  });

  it('turns each bad file into a diagnostic with file and line, and keeps the others', () => {
    const dir = workspace({
      'radar/2026-01-01/good.md': item('title: Good\nring: adopt\nquadrant: tools'),
      'radar/2026-01-01/bad-ring.md': item('title: X\nquadrant: tools\nring: sometimes'),
      'radar/2026-01-01/typo.md': item('title: Y\nring: adopt\nquadrant: tools\nfeatures: true'),
      'radar/2026-01-01/syntax.md': item('title: [unclosed\nring: adopt'),
      'radar/2026-01-01/no-front.md': 'Just text.\n',
      'radar/2026-01-01/new-no-ring.md': item('title: Z\nquadrant: tools'),
      'radar/2026-01-01/Upper.md': item('title: U\nring: adopt\nquadrant: tools'),
      'radar/latest/other.md': item('title: O\nring: adopt\nquadrant: tools'),
    });
    const radar = loadRadar(dir, radarConfig(undefined));
    expect(radar?.items.map((i) => i.id)).toEqual(['good']);
    const where = (file: string) => radar?.diagnostics.find((d) => d.file === `radar/${file}`);
    expect(where('2026-01-01/bad-ring.md')).toMatchObject({ line: 4 });
    expect(where('2026-01-01/bad-ring.md')?.message).toMatch(
      /"sometimes" is not a ring of the radar \(adopt, trial, assess, hold\)/,
    );
    expect(where('2026-01-01/typo.md')).toMatchObject({ line: 5 });
    expect(where('2026-01-01/typo.md')?.message).toMatch(/did you mean "featured"/);
    expect(where('2026-01-01/syntax.md')?.line).toBeGreaterThanOrEqual(2);
    expect(where('2026-01-01/no-front.md')).toMatchObject({ line: 1 });
    expect(where('2026-01-01/new-no-ring.md')?.message).toMatch(
      /ring: required where the item first appears/,
    );
    expect(where('2026-01-01/Upper.md')).toBeDefined();
    expect(where('latest')?.message).toMatch(/not a release folder/);
  });

  it('takes any number of rings and quadrants from cto.yaml, a ring meaning what its stance says', () => {
    const file = z.object({ radar: radarConfigSchema }).strict();
    const yaml =
      'radar:\n  rings:\n    - { id: core, stance: adopt }\n    - { id: pilot, stance: trial }\n    - { id: explore }\n    - { id: hold }\n    - { id: gone }\n  quadrants: [{ id: data }, { id: apps, title: Applications }]\n  trialMaxAgeDays: 90\n';
    const config = radarConfig(parseYamlText(yaml, file, 'cto.yaml').radar);
    expect(config.rings.map((r) => [r.id, r.title, r.stance])).toEqual([
      ['core', 'Core', 'adopt'],
      ['pilot', 'Pilot', 'trial'],
      ['explore', 'Explore', null],
      ['hold', 'Hold', 'hold'],
      ['gone', 'Gone', null],
    ]);
    expect(config.quadrants).toEqual([
      { id: 'data', title: 'Data' },
      { id: 'apps', title: 'Applications' },
    ]);
    expect(config.trialMaxAgeDays).toBe(90);
    const dir = workspace({ 'radar/2026-01-01/a.md': item('title: A\nring: pilot\nquadrant: apps') });
    expect(loadRadar(dir, config)?.items.map((i) => [i.id, i.ring, i.quadrant])).toEqual([
      ['a', 'pilot', 'apps'],
    ]);
    expect(() =>
      parseYamlText('radar:\n  rings:\n    - { id: a }\n    - { id: a }\n', file, 'cto.yaml'),
    ).toThrow(/cto\.yaml:4: radar\.rings\.1\.id: "a" is listed twice/);
  });

  it('is absent when the workspace has no radar folder', () => {
    expect(loadRadar(workspace({}), radarConfig(undefined))).toBeNull();
  });
});
