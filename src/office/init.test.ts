import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { type ExperimentRecord, loadExperiments } from './experiments/records.ts';
import { experimentState } from './experiments/view.ts';
import { parseFrontMatter } from './front-matter.ts';
import { initOffice } from './init.ts';
import { objectivesFileSchema } from './objectives/schema.ts';
import { radarConfig } from './radar/config.ts';
import { loadRadar } from './radar/load.ts';
import { loadTeams } from './teams.ts';
import { readYamlFile } from './yaml-file.ts';

afterAll(cleanupTemp);

const technologies = [
  { id: 'java', name: 'Java', category: 'language', repositories: ['jedis'] },
  { id: 'postgresql', name: 'PostgreSQL', category: 'database', repositories: ['api', 'shop'] },
];
const codeOwners = [
  { repository: 'shop', pattern: '*', owners: ['@acme/web'] },
  { repository: 'api', pattern: '/infra/', owners: ['@acme/web', '@ada'] },
  { repository: 'api', pattern: '*.go', owners: ['bob@example.com'] },
];

describe('cto office init', () => {
  it('writes a radar to assess, teams from CODEOWNERS, a MADR record and an objective, all valid', () => {
    const dir = tempDir();
    const config = radarConfig(undefined);
    const result = initOffice(dir, { config, technologies, codeOwners, today: '2026-12-06' });
    expect(result.kept).toEqual([]);
    expect(result.written.sort()).toEqual([
      'decisions/0001-record-technology-decisions.md',
      'experiments/example.md',
      'objectives.yaml',
      'radar/2026-12-06/java.md',
      'radar/2026-12-06/postgresql.md',
      'teams.yaml',
    ]);
    const radar = loadRadar(dir, config);
    expect(radar?.diagnostics).toEqual([]);
    expect(radar?.items.map((i) => [i.id, i.ring, i.quadrant, i.technologies])).toEqual([
      ['java', 'assess', 'languages-and-frameworks', ['java']],
      ['postgresql', 'assess', 'platforms-and-operations', ['postgresql']],
    ]);
    expect(loadTeams(dir)).toEqual([
      {
        name: 'web',
        members: [],
        handles: ['@acme/web'],
        owns: ['shop', { repository: 'api', paths: ['/infra/'] }],
      },
      {
        name: 'api-owners',
        members: [],
        handles: ['@ada', 'bob@example.com'],
        owns: [{ repository: 'api', paths: ['/infra/', '*.go'] }],
      },
    ]);
    const madr = parseFrontMatter(
      readFileSync(join(dir, 'decisions/0001-record-technology-decisions.md'), 'utf8'),
      z
        .object({
          status: z.enum(['proposed', 'accepted']),
          date: z.string(),
          'decision-makers': z.array(z.string()),
        })
        .strict(),
      'd.md',
    );
    expect(madr.data.date).toBe('2026-12-06');
    expect(madr.body).toMatch(/^# .+\n\n## Context and Problem Statement/);
    expect(madr.body).toContain('## Decision Outcome');
    // The example experiment is valid for `cto experiments`, running on a scanned repository and on the radar.
    const experiments = loadExperiments(dir);
    expect(experiments.diagnostics).toEqual([]);
    expect(experiments.records[0]).toMatchObject({
      radar: 'java',
      repositories: ['jedis'],
      end: '2027-01-17',
    });
    expect(experimentState(experiments.records[0] as ExperimentRecord, '2026-12-06')).toBe('running');
    // The example objective is valid for the schema `cto objectives` reads.
    const objectives = readYamlFile(join(dir, 'objectives.yaml'), objectivesFileSchema, 'objectives.yaml');
    expect(objectives?.objectives[0]?.['key-results'][0]).toMatchObject({
      metric: 'end-of-life',
      scope: 'portfolio',
      target: 0,
      due: '2027-12-06',
    });
  });

  it('never overwrites: a second run and existing office files are kept; a ring named by stance is used', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'teams.yaml'), 'teams: []\n');
    mkdirSync(join(dir, 'decisions'));
    writeFileSync(join(dir, 'decisions', '0007-x.md'), 'mine\n');
    const config = radarConfig({
      rings: [{ id: 'use' }, { id: 'explore', stance: 'assess' }, { id: 'stop', stance: 'hold' }],
    });
    const first = initOffice(dir, { config, technologies, codeOwners: [], today: '2026-12-06' });
    expect(first.kept.sort()).toEqual(['decisions/', 'teams.yaml']);
    expect(readFileSync(join(dir, 'teams.yaml'), 'utf8')).toBe('teams: []\n');
    expect(loadRadar(dir, config)?.items.map((i) => i.ring)).toEqual(['explore', 'explore']);
    const again = initOffice(dir, { config, technologies, codeOwners, today: '2026-12-07' });
    expect(again.written).toEqual([]);
    expect(again.kept.sort()).toEqual([
      'decisions/',
      'experiments/',
      'objectives.yaml',
      'radar/',
      'teams.yaml',
    ]);
  });

  it('writes no teams.yaml when no CODEOWNERS rule names an owner, and says so', () => {
    const dir = tempDir();
    const r = initOffice(dir, {
      config: radarConfig(undefined),
      technologies: [],
      codeOwners: [],
      today: '2026-12-06',
    });
    expect(r.written).not.toContain('teams.yaml');
    expect(r.notes).toEqual([
      'teams.yaml: not written (no CODEOWNERS file in the last scan names an owner)',
      'experiments/: no example written (no repository in the last scan)',
    ]);
  });
});
