import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { loadTeams, parseTeams, teamOfPerson, teamsOfHandle, teamsOwning } from './teams.ts';

const TEAMS = parseTeams({
  teams: [
    {
      name: 'Platform',
      members: ['Ada Lovelace', 'grace@example.com'],
      handles: ['@acme/platform'],
      owns: ['api', { repository: 'web', paths: ['infra/'] }],
    },
    { name: 'Web', members: ['Linus'], owns: ['web', { repository: 'services/*' }] },
  ],
});

describe('teams', () => {
  it('gives path rules precedence over whole-repository ownership', () => {
    expect(teamsOwning(TEAMS, 'api', 'src/a.ts')).toEqual(['Platform']);
    expect(teamsOwning(TEAMS, 'web', 'infra/main.tf')).toEqual(['Platform']);
    expect(teamsOwning(TEAMS, 'web', 'src/app.ts')).toEqual(['Web']);
    expect(teamsOwning(TEAMS, 'web')).toEqual(['Web']);
    expect(teamsOwning(TEAMS, 'services/billing', 'x.go')).toEqual(['Web']);
    expect(teamsOwning(TEAMS, 'services/billing/deep', 'x.go')).toEqual([]);
    expect(teamsOwning(TEAMS, 'other', 'x.go')).toEqual([]);
  });

  it('finds a person by name or e-mail, whatever the case and accents', () => {
    expect(teamOfPerson(TEAMS, ['ADA  lovelace'])).toEqual(['Platform']);
    expect(teamOfPerson(TEAMS, ['Grace H', 'Grace@Example.com'])).toEqual(['Platform']);
    expect(teamOfPerson(TEAMS, ['Nobody'])).toEqual([]);
    expect(teamsOfHandle(TEAMS, '@ACME/platform')).toEqual(['Platform']);
    expect(teamsOfHandle(TEAMS, 'grace@example.com')).toEqual(['Platform']);
  });

  it('rejects a bad file with a message naming the place', () => {
    expect(() => parseTeams({ teams: [{ name: 'A', owns: [{ repository: 'x', paths: ['!a'] }] }] })).toThrow(
      /teams\.0\.owns\.0/,
    );
    expect(() => parseTeams({ teams: [{ name: 'A' }, { name: 'A' }] })).toThrow(/listed twice/);
    expect(() => parseTeams({ teams: [{ name: 'A', colour: 'red' }] })).toThrow(/CONFIG|Unrecognized|colour/);
  });

  it('loads teams.yaml from the workspace, none when absent', () => {
    const dir = tempDir('cto-teams-');
    expect(loadTeams(dir)).toEqual([]);
    writeFileSync(
      join(dir, 'teams.yaml'),
      'teams:\n  - name: Core\n    members: [a@b.c]\n    owns: [core]\n',
    );
    expect(loadTeams(dir)).toEqual([{ name: 'Core', members: ['a@b.c'], handles: [], owns: ['core'] }]);
    writeFileSync(join(dir, 'teams.yaml'), 'teams: [\n');
    expect(() => loadTeams(dir)).toThrow(/teams\.yaml/);
  });
});
