import { describe, expect, it } from 'vitest';
import { radarConfig } from '../office/radar/config.ts';
import type { Radar, RadarItem } from '../office/radar/load.ts';
import type { TechnologyUse } from './usage.ts';
import { buildRadarView } from './view.ts';

function item(id: string, history: Array<[string, string]>, decision: string | null = null): RadarItem {
  const last = history.at(-1) as [string, string];
  return {
    id,
    title: id.toUpperCase(),
    ring: last[1],
    quadrant: 'tools',
    tags: [],
    featured: true,
    technologies: [],
    decision,
    history: history.map(([release, ring]) => ({
      release,
      ring,
      quadrant: 'tools',
      file: `radar/${release}/${id}.md`,
      body: '',
    })),
  };
}

const use = (
  id: string,
  repos: Array<[string, boolean]>,
  teams: string[] = [],
  activePeople = 3,
): TechnologyUse => ({
  id,
  repositories: repos.map(([repository, runtime]) => ({ repository, runtime })),
  teams,
  activePeople,
});

function view(items: RadarItem[], now: TechnologyUse[], before: TechnologyUse[] | null, day = '2026-12-06') {
  const radar: Radar = {
    config: radarConfig(undefined),
    releases: ['2026-01-01', '2026-06-01', '2027-01-01'],
    items,
    diagnostics: [],
  };
  return buildRadarView({
    radar,
    mapping: {
      technologies: new Map(items.map((i) => [i.id, i.id === 'unmapped' ? [] : [i.id]])),
      diagnostics: [],
    },
    now: new Map(now.map((u) => [u.id, u])),
    before: before ? new Map(before.map((u) => [u.id, u])) : null,
    names: new Map([['make', 'Make']]),
    teamsDeclared: true,
    day,
  });
}

describe('radar joined to usage', () => {
  it('reports HOLD in runtime use, high when its runtime repositories grew since the previous release', () => {
    const items = [
      item('java', [
        ['2026-01-01', 'adopt'],
        ['2026-06-01', 'hold'],
      ]),
      item('gulp', [['2026-01-01', 'hold']]),
    ];
    const now = [
      use('java', [
        ['a', true],
        ['b', true],
        ['c', false],
      ]),
      use('gulp', [['a', true]]),
    ];
    const before = [
      use('java', [
        ['a', true],
        ['c', false],
      ]),
      use('gulp', [
        ['a', true],
        ['b', true],
      ]),
    ];
    const v = view(items, now, before);
    expect(v?.release).toBe('2026-06-01');
    expect(v?.previousRelease).toBe('2026-01-01');
    const hold = v?.findings
      .filter((f) => f.rule === 'radar-hold-in-use')
      .map((f) => [f.subject, f.severity, f.repositories]);
    expect(hold).toEqual([
      ['java', 'high', ['a', 'b']],
      ['gulp', 'medium', ['a']],
    ]);
    expect(v?.items.find((i) => i.id === 'java')).toMatchObject({
      trend: 1,
      moved: 'out',
      inRingSince: '2026-06-01',
    });
    expect(v?.items.find((i) => i.id === 'gulp')?.trend).toBe(-1);
    // Not measured on the previous release's day: no trend, never "high".
    const unmeasured = view(items, now, null);
    expect(unmeasured?.items.every((i) => i.trend === null)).toBe(true);
    expect(unmeasured?.findings.find((f) => f.subject === 'java')?.severity).toBe('medium');
    // A HOLD technology used only outside runtime is not a finding.
    expect(view(items, [use('java', [['c', false]])], null)?.findings).toEqual([]);
  });

  it('reports ADOPT used by one team or one active person, and TRIAL older than the limit without a decision', () => {
    const items = [
      item('go', [['2026-01-01', 'adopt']]),
      item('rust', [['2026-01-01', 'adopt']]),
      item('node', [['2026-01-01', 'adopt']]),
      item('deno', [['2026-01-01', 'trial']]),
      item('bun', [['2026-01-01', 'trial']], 'decisions/0004-bun.md'),
      item('zig', [
        ['2026-01-01', 'assess'],
        ['2026-06-01', 'trial'],
      ]),
    ];
    const now = [
      use(
        'go',
        [
          ['a', true],
          ['b', true],
        ],
        ['platform'],
      ),
      use('rust', [['c', true]], ['platform', 'web'], 1),
      use(
        'node',
        [
          ['a', true],
          ['d', true],
        ],
        ['platform', 'web'],
      ),
    ];
    const v = view(items, now, null);
    expect(
      v?.findings.filter((f) => f.rule === 'radar-adopt-single-owner').map((f) => [f.subject, f.title]),
    ).toEqual([
      ['go', 'GO is ADOPT but used by one team only (platform)'],
      ['rust', 'RUST is ADOPT but used by one active person only'],
    ]);
    // deno: trial since 2026-01-01 (339 days > 180); bun has a decision; zig entered trial on 2026-06-01 (188 days).
    expect(
      v?.findings.filter((f) => f.rule === 'radar-trial-without-decision').map((f) => f.subject),
    ).toEqual(['deno', 'zig']);
    const early = view(items, now, null, '2026-09-01');
    expect(
      early?.findings.filter((f) => f.rule === 'radar-trial-without-decision').map((f) => f.subject),
    ).toEqual(['deno']);
  });

  it('says how much of the runtime technology the radar covers, listing what it does not mention', () => {
    const items = [item('go', [['2026-01-01', 'adopt']]), item('unmapped', [['2026-01-01', 'assess']])];
    const now = [
      use('go', [['a', true]]),
      use('make', [
        ['a', true],
        ['b', true],
      ]),
      use('python', [['c', true]]),
      use('eslint', [['c', false]]),
    ];
    const v = view(items, now, null);
    expect(v?.coverage).toEqual({
      runtimeTechnologies: 3,
      mentioned: 1,
      percent: 33,
      unmentioned: [
        { id: 'make', name: 'Make', repositories: ['a', 'b'] },
        { id: 'python', name: 'python', repositories: ['c'] },
      ],
    });
    expect(v?.findings.filter((f) => f.rule === 'radar-unmentioned-runtime').map((f) => f.subject)).toEqual([
      'make',
      'python',
    ]);
    expect(view(items, [], null)?.coverage.percent).toBeNull();
  });

  it('numbers the items by quadrant then ring, and shows each as of the current release', () => {
    const items = [
      item('b', [['2026-01-01', 'hold']]),
      item('a', [['2026-01-01', 'trial']]),
      item('future', [['2027-01-01', 'adopt']]),
      item('c', [
        ['2026-01-01', 'assess'],
        ['2026-06-01', 'adopt'],
      ]),
    ];
    const v = view(items, [], null);
    expect(v?.items.map((i) => [i.number, i.id, i.ring, i.moved, i.isNew])).toEqual([
      [1, 'c', 'adopt', 'in', false],
      [2, 'a', 'trial', null, false],
      [3, 'b', 'hold', null, false],
    ]);
  });
});
