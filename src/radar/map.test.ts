import { describe, expect, it } from 'vitest';
import { loadTechnologies } from '../analyses/technologies/match.ts';
import type { RadarItem } from '../office/radar/load.ts';
import { mapRadarItems } from '../office/radar/map.ts';

const item = (id: string, title: string, technologies: string[] = []): RadarItem => ({
  id,
  title,
  ring: 'adopt',
  quadrant: 'tools',
  tags: [],
  featured: true,
  technologies,
  decision: null,
  history: [
    { release: '2026-01-01', ring: 'adopt', quadrant: 'tools', file: `radar/2026-01-01/${id}.md`, body: '' },
  ],
});

describe('radar items to technologies', () => {
  it('matches the title case-insensitively against ids, names and aliases of the real catalogue', () => {
    const { technologies, diagnostics } = mapRadarItems(
      [
        item('a', 'postgres'),
        item('b', 'NODE.JS'),
        item('c', 'Golang'),
        item('d', 'kubernetes'),
        item('e', 'Spring  Boot'),
      ],
      loadTechnologies(),
    );
    expect(Object.fromEntries(technologies)).toEqual({
      a: ['postgresql'],
      b: ['nodejs'],
      c: ['go'],
      d: ['kubernetes'],
      e: [loadTechnologies().find((t) => t.name === 'Spring Boot')?.id],
    });
    expect(diagnostics).toEqual([]);
  });

  it('prefers an explicit technology key; unknown ids and unmatched titles are diagnostics', () => {
    const catalogue = [
      { id: 'redis', name: 'Redis' },
      { id: 'kafka', name: 'Apache Kafka', aliases: ['kafka'] },
    ];
    const { technologies, diagnostics } = mapRadarItems(
      [item('jedis', 'Jedis', ['redis', 'memcached']), item('stream', 'Kafka'), item('es', 'Event sourcing')],
      catalogue,
    );
    expect(Object.fromEntries(technologies)).toEqual({ jedis: ['redis'], stream: ['kafka'], es: [] });
    expect(diagnostics.map((d) => [d.file, d.message.slice(0, 40)])).toEqual([
      ['radar/2026-01-01/jedis.md', 'technology: "memcached" is not in the te'],
      ['radar/2026-01-01/es.md', '"Event sourcing" maps to no technology o'],
    ]);
  });
});
