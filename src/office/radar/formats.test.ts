// Backstage tech-radar JSON and ThoughtWorks BYOR CSV: import writes item files, export reads them back.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { fromBackstage, toBackstage } from './backstage.ts';
import { fromByor, toByor } from './byor.ts';
import { radarConfig } from './config.ts';
import { loadRadar } from './load.ts';
import { writeItems } from './write.ts';

afterAll(cleanupTemp);

const config = radarConfig(undefined);

// The shape of Backstage's own sample data (plugins/tech-radar/src/sample.ts): newest timeline entry first.
const BACKSTAGE = JSON.stringify({
  quadrants: [
    { id: 'tools', name: 'Tools' },
    { id: 'infrastructure', name: 'Infrastructure' },
  ],
  rings: [
    { id: 'adopt', name: 'ADOPT', color: '#5BA300' },
    { id: 'hold', name: 'HOLD', color: '#E09B96' },
  ],
  entries: [
    {
      id: 'webpack',
      key: 'webpack',
      title: 'Webpack',
      quadrant: 'tools',
      url: '#',
      timeline: [
        { moved: -1, ringId: 'hold', date: '2026-12-01T00:00:00.000Z', description: 'Rollup covers it.' },
        { moved: 0, ringId: 'adopt', date: '2025-06-01', description: 'Our bundler.' },
      ],
    },
    {
      key: 'kubernetes',
      title: 'Kubernetes',
      quadrant: 'infrastructure',
      timeline: [{ moved: 0, ringId: 'adopt', date: '2025-06-01' }],
    },
  ],
});

describe('Backstage tech-radar JSON', () => {
  it('imports one release per timeline date and exports the same history back, newest first', () => {
    const parsed = fromBackstage(BACKSTAGE, 'radar.json', config);
    expect(parsed.quadrants).toEqual(['infrastructure']);
    expect(parsed.rings).toEqual([]);
    const ws = tempDir();
    const first = writeItems(ws, 'radar', parsed.items);
    expect(first.written.sort()).toEqual([
      'radar/2025-06-01/kubernetes.md',
      'radar/2025-06-01/webpack.md',
      'radar/2026-12-01/webpack.md',
    ]);
    const again = writeItems(ws, 'radar', parsed.items);
    expect(again.written).toEqual([]);
    expect(again.kept.sort()).toEqual(first.written);
    const withInfra = radarConfig({ quadrants: [{ id: 'tools' }, { id: 'infrastructure' }] });
    const radar = loadRadar(ws, withInfra);
    expect(radar?.diagnostics).toEqual([]);
    const out = toBackstage(radar!) as { entries: Array<{ id: string; title: string; timeline: unknown[] }> };
    expect(out.entries.find((e) => e.id === 'webpack')).toMatchObject({
      title: 'Webpack',
      timeline: [
        { moved: -1, ringId: 'hold', date: '2026-12-01', description: 'Rollup covers it.' },
        { moved: 0, ringId: 'adopt', date: '2025-06-01', description: 'Our bundler.' },
      ],
    });
  });

  it('rejects a file that is not the format, naming the place', () => {
    expect(() => fromBackstage('{', 'r.json', config)).toThrow(/r\.json: not JSON/);
    expect(() =>
      fromBackstage('{"entries":[{"title":"X","quadrant":"tools","timeline":[]}]}', 'r.json', config),
    ).toThrow(/r\.json: entries\.0\.timeline/);
  });
});

describe('ThoughtWorks BYOR CSV', () => {
  const CSV =
    'name,ring,quadrant,isNew,description\n' +
    'Apache Kafka,Adopt,Platforms,TRUE,"Events, at last.\nSecond line with ""quotes""."\n' +
    'C++,hold,Languages & Frameworks,FALSE,\n';

  it('imports names into ids, rings and quadrants by id or title, quoted fields whole', () => {
    const parsed = fromByor(CSV, 'r.csv', '2026-12-01', config);
    expect(parsed.items.map((i) => [i.id, i.front.ring, i.front.quadrant])).toEqual([
      ['apache-kafka', 'adopt', 'platforms'],
      ['c-plus-plus', 'hold', 'languages-and-frameworks'],
    ]);
    expect(parsed.items[0]?.body).toBe('Events, at last.\nSecond line with "quotes".');
    expect(parsed.quadrants).toEqual(['platforms']);
    const ws = tempDir();
    writeItems(ws, 'radar', parsed.items);
    const radar = loadRadar(
      ws,
      radarConfig({
        quadrants: [{ id: 'platforms' }, { id: 'languages-and-frameworks', title: 'Languages & Frameworks' }],
      }),
    );
    const back = fromByor(
      toByor(radar!.items, '2026-12-01', radar!.config),
      'again.csv',
      '2026-12-01',
      radar!.config,
    );
    expect(back.items).toEqual(parsed.items.map((i) => ({ ...i, front: { ...i.front } })));
    expect(toByor(radar!.items, '2026-12-01', radar!.config)).toContain('Apache Kafka,Adopt,Platforms,TRUE,');
  });

  it('names the line of a bad row and a missing column', () => {
    expect(() =>
      fromByor('name,ring,quadrant\nA,adopt,tools\n"B\nB",,tools\n', 'r.csv', '2026-12-01', config),
    ).toThrow(/r\.csv:4: ring: empty/);
    expect(() => fromByor('name,quadrant\nA,tools\n', 'r.csv', '2026-12-01', config)).toThrow(
      /r\.csv:1: missing column ring/,
    );
  });
});
