import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildDeliveryRepo } from '../../test/fixtures/analyses/delivery/fixture.test-helper.ts';
import { cto } from '../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';

afterAll(() => cleanupTemp());

/** The reference date: the fixture's last commit, so its windows hold its releases. */
const TODAY = '2024-03-01';

function workspace(): string {
  const ws = tempDir('cto-ws-');
  buildDeliveryRepo(join(ws, 'repos', 'app'));
  buildRepo(join(ws, 'repos', 'lib'), [{ date: '2024-01-01T00:00:00Z', files: { a: '1\n' } }]);
  writeFileSync(join(ws, 'teams.yaml'), 'teams:\n  - name: Platform\n    owns: [app, lib]\n');
  expect(cto(['scan', join(ws, 'repos'), '--today', TODAY, '--workspace', ws]).code).toBe(0);
  return ws;
}

test('cto delivery: summary, one repository, JSON, teams, deployments file, unknown repository', () => {
  const ws = workspace();
  const all = cto(['delivery', '--today', TODAY, '--workspace', ws]);
  expect(all.code).toBe(0);
  expect(all.stdout).toMatch(/lib\s+no releases/);
  expect(all.stdout).toMatch(/app\s+4\s+v2\.0\.0/);
  expect(all.stdout).toMatch(/Platform\s+2\s+4/);
  expect(all.stdout).toContain('Derived from git');

  const one = cto(['delivery', '--today', TODAY, 'app', '--workspace', ws]);
  expect(one.stdout).toContain('releases: 4 (+1 pre-releases; 2 tags that are not versions ignored)');
  expect(one.stdout).toMatch(/v1\.1\.0\s+2024-01-10\s+tag\s+2\s+4\.5\s+4\.9\s+failed/);

  const json = JSON.parse(cto(['delivery', '--today', TODAY, 'app', '--json', '--workspace', ws]).stdout);
  expect(json.schema).toBe('cto.delivery/v1');
  expect(json.repositories[0].leadTimeDays.last10).toEqual({ median: 2, p90: 7.8, changes: 7 });
  expect(json.repositories[0].releaseList).toHaveLength(5);
  expect(json.teams[0]).toMatchObject({ team: 'Platform', releases365d: 4, changeFailureRate365d: 0.25 });
  expect(json.derivedFrom.leadTime).toMatch(/author date/);

  // Deployments declared in cto.yaml replace releases for the frequency: every weekday before the scanned commit.
  const lines = ['repository,time,status'];
  for (let t = Date.UTC(2024, 0, 2); t <= Date.UTC(2024, 2, 1); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) lines.push(`app,${new Date(t).toISOString()},success`);
  }
  lines.push('app,2024-02-03T00:00:00Z,failure');
  writeFileSync(join(ws, 'deploys.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(ws, 'cto.yaml'), 'delivery:\n  deployments: deploys.csv\n');
  const deployed = JSON.parse(cto(['delivery', '--today', TODAY, '--json', '--workspace', ws]).stdout);
  const app = deployed.repositories.find((r: { repository: string }) => r.repository === 'app');
  expect(app.deploymentFrequency).toMatchObject({ bucket: 'daily', source: 'deployments-file' });

  const missing = cto(['delivery', '--today', TODAY, 'nope', '--workspace', ws]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('REPOSITORY_NOT_FOUND');
});
