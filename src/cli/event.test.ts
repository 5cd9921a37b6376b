// cto event as a person uses it: deployments and incidents written to the store without a server,
// read back by cto event list, cto delivery and cto report.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildDeliveryRepo } from '../../test/fixtures/analyses/delivery/fixture.test-helper.ts';
import { cto } from '../../test/helpers/cli.ts';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';

const TODAY = '2024-03-01';
let ws = '';
let repo = '';

beforeAll(() => {
  ws = tempDir('cto-ws-');
  repo = buildDeliveryRepo(join(ws, 'repos', 'app'));
  expect(cto(['scan', repo, '--today', TODAY, '--workspace', ws]).code).toBe(0);
}, 120_000);

afterAll(() => cleanupTemp());

const commit = (subject: string) =>
  execFileSync('git', ['-C', repo, 'log', '--all', '--format=%H', `--grep=^${subject}$`], {
    encoding: 'utf8',
  }).trim();

const run = (...args: string[]) => cto(['event', ...args, '--workspace', ws]);

test('bad events are refused (USAGE for an option, EVENT_INVALID for the store) naming the field; nothing is written', () => {
  const short = run('deployment', '--repo', 'app', '--commit', 'abc123', '--env', 'production');
  expect(short.code).toBe(2);
  expect(short.stderr).toMatch(/--commit takes a full commit SHA.*"abc123" \[USAGE\]/);
  const unknown = run('deployment', '--repo', 'nope', '--commit', commit('feat e'), '--env', 'production');
  expect(unknown.stderr).toMatch(/repository: no scanned repository is named "nope".*\[EVENT_INVALID\]/);
  const status = run(
    'deployment',
    '--repo',
    'app',
    '--commit',
    commit('feat e'),
    '--env',
    'prod',
    '--status',
    'ok',
  );
  expect(status.code).toBe(2);
  expect(status.stderr).toMatch(/--status/);
  expect(JSON.parse(run('list', '--json').stdout)).toMatchObject({ deployments: [], incidents: [] });
});

test('deployments and incidents from the command line give cto delivery its DORA figures, and the report', () => {
  const d1 = run(
    'deployment',
    '--repo',
    'app',
    '--commit',
    commit('merge topic'),
    '--env',
    'production',
    '--id',
    'deploy-1',
    '--finished-at',
    '2024-01-10T00:00:00Z',
  );
  expect(d1.stdout).toBe('Deployment deploy-1 of app recorded.\n');
  expect(
    run(
      'deployment',
      '--repo',
      'app',
      '--commit',
      commit('merge topic'),
      '--env',
      'production',
      '--id',
      'deploy-1',
      '--finished-at',
      '2024-01-10T00:00:00Z',
    ).stdout,
  ).toMatch(/already recorded: nothing changed/);
  run(
    'deployment',
    '--repo',
    'app',
    '--commit',
    commit('feat e'),
    '--env',
    'production',
    '--id',
    'deploy-2',
    '--finished-at',
    '2024-02-02T00:00:00Z',
  );
  // A commit the scan has not seen (pushed after it): counted as a deployment, its changes not checked.
  run(
    'deployment',
    '--repo',
    'app',
    '--commit',
    'ab'.repeat(20),
    '--env',
    'production',
    '--id',
    'deploy-3',
    '--finished-at',
    '2024-02-20T00:00:00Z',
  );
  // Caused by "fix c", which deploy-1 shipped; open at first, then resolved 3 hours later.
  const open = run(
    'incident',
    '--repo',
    'app',
    '--id',
    'inc-1',
    '--severity',
    'sev1',
    '--started-at',
    '2024-01-12T00:00:00Z',
    '--commit',
    commit('fix c'),
  );
  expect(open.code, open.stderr).toBe(0);
  expect(
    run(
      'incident',
      '--repo',
      'app',
      '--id',
      'inc-1',
      '--severity',
      'sev1',
      '--started-at',
      '2024-01-12T00:00:00Z',
      '--commit',
      commit('fix c'),
      '--resolved-at',
      '2024-01-12T03:00:00Z',
    ).stdout,
  ).toMatch(/Incident inc-1 of app updated/);
  // Still open, linked to nothing: counted as open, not as a failed deployment.
  run(
    'incident',
    '--repo',
    'app',
    '--id',
    'inc-2',
    '--severity',
    'sev3',
    '--started-at',
    '2024-02-25T00:00:00Z',
  );

  const list = JSON.parse(run('list', '--json').stdout);
  expect(list.schema).toBe('cto.events/v1');
  expect(list.deployments.map((d: { event_id: string }) => d.event_id)).toEqual([
    'deploy-1',
    'deploy-2',
    'deploy-3',
  ]);
  expect(list.incidents.map((i: { resolved_at: string | null }) => i.resolved_at)).toEqual([
    '2024-01-12T03:00:00.000Z',
    null,
  ]);
  expect(run('list').stdout).toMatch(/3 deployments, 2 incidents/);

  writeFileSync(join(ws, 'teams.yaml'), 'teams:\n  - name: Platform\n    owns: [app]\n');
  const doc = JSON.parse(cto(['delivery', '--today', TODAY, '--json', '--workspace', ws]).stdout);
  // The team pools the production deployments of its repositories with events, not their releases.
  expect(doc.teams[0]).toMatchObject({
    team: 'Platform',
    releases365d: 4,
    deployments365d: 3,
    fromEvents: ['app'],
    changeFailureRate365d: 1 / 3,
  });
  const app = doc.repositories[0];
  expect(app.sources.leadTime).toBe('events');
  expect(app.changeFailureRate).toEqual({ all: 1 / 3, last365d: 1 / 3 });
  expect(app.timeToRestoreHours).toEqual({ median: 3, p90: 3, resolved: 1, open: 1 });
  expect(app.events).toEqual({
    productionDeployments: 3,
    deployments365d: 3,
    failed365d: 1,
    failedDeployments: ['deploy-1'],
    deploymentsNotInHistory: ['deploy-3'],
    unlinkedIncidents: ['inc-2'],
  });
  // The changes of deploy-1 and deploy-2 only (deploy-3's commit is not in the history).
  expect(app.leadTimeDays.last365d).toEqual({ median: 7, p90: 16.2, changes: 7 });

  const text = cto(['delivery', '--today', TODAY, 'app', '--workspace', ws]).stdout;
  expect(text).toContain('from events: 3 production deployments');
  expect(text).toMatch(/change failure: 33% last 365 days, 33% all \(1 deployments linked to incidents\)/);
  expect(text).toMatch(
    /not checked: 1 deployments of commits not in the scanned history \(rescan\): deploy-3/,
  );
  expect(cto(['delivery', '--today', TODAY, '--workspace', ws]).stdout).toMatch(/app\s+4\s.*\s3\.0\s+events/);

  const report = cto(['report', '--json', '--today', TODAY, '--workspace', ws]);
  expect(report.code, report.stderr).toBe(0);
  const figures = JSON.stringify(JSON.parse(report.stdout));
  expect(figures).toMatch(/"id":"d-events-failure-app","label":"Change failure rate[^"]*","value":0\.333/);
  expect(figures).toMatch(/"id":"d-events-restore-app"[^}]*"value":3/);
});
