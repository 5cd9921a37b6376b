import { describe, expect, test } from 'vitest';
import type { TimeBoxCommits } from '../../store/experiments.ts';
import { radarConfig } from '../radar/config.ts';
import type { Radar } from '../radar/load.ts';
import { parseExperiment } from './records.ts';
import { experimentEvidence, experimentState, radarStanding } from './view.ts';

describe('experimentState', () => {
  const box = { start: '2026-10-01', end: '2026-10-31', outcome: null };
  test('planned before the start, running through the end day, overdue the day after', () => {
    expect(experimentState(box, '2026-09-30')).toBe('planned');
    expect(experimentState(box, '2026-10-01')).toBe('running');
    expect(experimentState(box, '2026-10-31')).toBe('running');
    expect(experimentState(box, '2026-11-01')).toBe('overdue');
  });
  test('an outcome concludes it whatever the day', () => {
    expect(experimentState({ ...box, outcome: 'drop' }, '2026-10-05')).toBe('concluded');
    expect(experimentState({ ...box, outcome: 'adopt' }, '2027-01-01')).toBe('concluded');
  });
});

const row = (
  repository: string,
  ref: string,
  byEmail: TimeBoxCommits['byEmail'],
  people: TimeBoxCommits['people'] = [],
): TimeBoxCommits => ({
  repository,
  snapshotId: 1,
  ref,
  lastCommitAt: '2026-11-01T00:00:00Z',
  byEmail,
  people,
});

describe('experimentEvidence', () => {
  const api = row(
    'api',
    'refs/heads/main',
    [
      { email: 'ada@example.com', commits: 2 },
      { email: 'Ada@Example.com ', commits: 1 },
      { email: 'ada@home.example', commits: 1 },
      { email: 'bot@ci.example', commits: 4 },
    ],
    [
      { personId: 'p1', emails: ['ada@example.com', 'ada@home.example'], bot: false },
      { personId: 'p2', emails: ['bot@ci.example'], bot: true },
    ],
  );
  const web = row('web', 'refs/heads/main', [{ email: 'bob@example.com', commits: 3 }]);

  test('commits all count; one person for spellings and e-mails of one identity; bots are not people', () => {
    const e = experimentEvidence({ repositories: ['api'], branches: [] }, [api]);
    expect(e.commits).toBe(8);
    expect(e.people).toBe(1);
    expect(e.complete).toBe(true);
  });

  test('a branch the store did not scan is not counted and says which ref it holds', () => {
    const e = experimentEvidence(
      { repositories: ['api'], branches: [{ repository: 'web', branch: 'bun-trial' }] },
      [api, web],
    );
    expect(e.commits).toBe(8);
    expect(e.complete).toBe(false);
    expect(e.links[1]).toMatchObject({
      repository: 'web',
      branch: 'bun-trial',
      status: 'other-ref',
      ref: 'refs/heads/main',
      commits: null,
    });
  });

  test('the scanned branch counts; a repository named twice counts once; an unscanned one is said', () => {
    const e = experimentEvidence(
      { repositories: ['web', 'gone'], branches: [{ repository: 'web', branch: 'main' }] },
      [web],
    );
    expect(e.commits).toBe(3);
    expect(e.people).toBe(1);
    expect(e.links.map((l) => l.status)).toEqual(['counted', 'not-scanned', 'counted']);
  });
});

describe('radarStanding', () => {
  const config = radarConfig(undefined);
  const item = (id: string, ring: string, release: string) => ({
    id,
    title: id,
    ring,
    quadrant: 'tools',
    tags: [],
    featured: true,
    technologies: [],
    decision: null,
    history: [{ release, ring, quadrant: 'tools', file: `radar/${release}/${id}.md`, body: '' }],
  });
  const radar: Radar = {
    config,
    releases: ['2026-06-01', '2026-12-01'],
    items: [item('pnpm', 'trial', '2026-12-01'), item('bun', 'hold', '2026-06-01')],
    diagnostics: [],
  };
  test('adopt with the item still in TRIAL in the latest release: move it', () => {
    const s = radarStanding({ radar: 'pnpm', outcome: 'adopt' }, radar);
    expect(s?.reflected).toBe(false);
    expect(s?.message).toBe(
      'outcome adopt, radar still TRIAL in the latest release: move it to ADOPT in the next release',
    );
  });
  test('drop is reflected by a ring on hold; no outcome gives the ring only', () => {
    expect(radarStanding({ radar: 'bun', outcome: 'drop' }, radar)?.reflected).toBe(true);
    expect(radarStanding({ radar: 'bun', outcome: null }, radar)).toMatchObject({
      reflected: null,
      ring: 'hold',
      release: '2026-06-01',
    });
  });
  test('an item not on the radar is said, not a crash', () => {
    expect(radarStanding({ radar: 'deno', outcome: 'adopt' }, radar)).toMatchObject({
      item: null,
      reflected: null,
    });
  });
});

describe('parseExperiment', () => {
  const good =
    'hypothesis: faster builds\nowner: Ada\nstart: 2026-10-01\nend: 2026-10-31\nrepositories: [api]\n';
  test('budget stays exact decimal text; the title falls back to the heading', () => {
    const r = parseExperiment(
      `---\n${good}budget: { amount: "5000.10", currency: EUR }\n---\n# Bun for builds\n`,
      'experiments/x.md',
      'x',
    );
    expect(r).toMatchObject({
      title: 'Bun for builds',
      budget: { amount: '5000.10', currency: 'EUR' },
      outcome: null,
    });
  });
  test('an end before the start names the file line of end', () => {
    const r = parseExperiment(
      `---\n${good.replace('end: 2026-10-31', 'end: 2026-09-01')}---\n`,
      'experiments/x.md',
      'x',
    );
    expect(r).toMatchObject({ file: 'experiments/x.md', line: 5 });
    expect((r as { message: string }).message).toMatch(/before start/);
  });
  test('an unknown outcome and a missing fence are diagnostics', () => {
    expect(parseExperiment(`---\n${good}outcome: maybe\n---\n`, 'experiments/x.md', 'x')).toMatchObject({
      line: 7,
    });
    expect(parseExperiment('no front matter', 'experiments/x.md', 'x')).toMatchObject({ line: 1 });
  });
});
