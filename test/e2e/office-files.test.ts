// A bad office file never stops a scan: it is said once with its file and line, and the scan goes on
// as if the file were absent; the command that reads the file for its own answer still stops on it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cto } from '../helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

afterAll(cleanupTemp);

test('a scan goes on past a bad teams.yaml, people.yaml and risks.yaml, naming each once', () => {
  const ws = tempDir('cto-ws-');
  buildRepo(join(ws, 'api'), [{ files: { 'a.ts': 'export const a = 1;\n' } }, { files: { 'b.ts': 'b\n' } }]);
  writeFileSync(join(ws, 'teams.yaml'), 'teams:\n  - nme: web\n');
  writeFileSync(join(ws, 'people.yaml'), 'people:\n  - oops\n');
  writeFileSync(join(ws, 'risks.yaml'), 'risks:\n  - bogus: 1\n');
  const scan = cto(['-w', ws, 'scan', join(ws, 'api')]);
  expect(scan.code).toBe(0);
  const lines = scan.stderr.split('\n').filter((l) => l.includes('[CONFIG_INVALID]'));
  expect(lines).toEqual([
    'cto: teams.yaml:2: teams.0.nme: unknown key (did you mean "name"?) [CONFIG_INVALID]; this scan goes on as if the file were absent',
    expect.stringMatching(/^cto: people\.yaml:1: .*\[CONFIG_INVALID\]; this scan goes on/),
    expect.stringMatching(/^cto: risks\.yaml:2: .*\[CONFIG_INVALID\]; this scan goes on/),
  ]);
  // Every other command stops on the bad file, naming the same place.
  const teams = cto(['-w', ws, 'teams']);
  expect(teams.code).toBe(2);
  expect(teams.stderr).toContain('teams.yaml:2: teams.0.nme: unknown key');
  // Once the files are fixed, the scan's work is there: the repository with its analyses.
  writeFileSync(join(ws, 'teams.yaml'), 'teams:\n  - name: web\n    owns: [api]\n');
  writeFileSync(join(ws, 'people.yaml'), 'bots: []\n');
  writeFileSync(join(ws, 'risks.yaml'), 'risks: []\n');
  const repos = JSON.parse(cto(['-w', ws, 'repos', '--json']).stdout) as {
    repositories: { name: string; commits: number }[];
  };
  expect(repos.repositories.map((r) => [r.name, r.commits])).toEqual([['api', 2]]);
  const people = JSON.parse(cto(['-w', ws, 'people', '--json']).stdout) as { people: unknown[] };
  expect(people.people.length).toBe(1);
});
