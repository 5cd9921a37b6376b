import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cto } from '../helpers/cli.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

// Two repositories; Ada commits to `tools` under another e-mail, joined by people.yaml.
let ws = '';
const json = (args: string[]) => {
  const r = cto([...args, '--workspace', ws, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

beforeAll(() => {
  ws = tempDir();
  const root = tempDir();
  const shop = join(root, 'shop');
  const tools = join(root, 'tools');
  mkdirSync(shop);
  mkdirSync(tools);
  buildRepo(shop, [
    { author: ADA, date: '2024-01-01T00:00:00Z', files: { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n' } },
    { author: BOB, date: '2024-02-01T00:00:00Z', files: { 'lib/c.ts': 'c\n' } },
    { author: ADA, date: '2024-03-01T00:00:00Z', files: { 'src/a.ts': 'a\nb\n' } },
  ]);
  buildRepo(tools, [
    {
      author: { name: 'Ada L', email: 'ada@home.example' },
      date: '2024-03-01T00:00:00Z',
      files: { 'main.go': 'package main\n' },
    },
  ]);
  writeFileSync(
    join(ws, 'people.yaml'),
    'persons:\n  - name: Ada Lovelace\n    emails: [ada@example.com, ada@home.example]\n',
  );
  writeFileSync(
    join(ws, 'teams.yaml'),
    'teams:\n  - name: Core\n    members: [Ada Lovelace]\n    owns: [shop]\n',
  );
  const r = cto(['scan', root, '--workspace', ws]);
  expect(r.code).toBe(0);
});

afterAll(() => cleanupTemp());

describe('cto people, knowledge and teams', () => {
  test('people merges one person across repositories through the configured alias', () => {
    const doc = json(['people']);
    expect(doc.schema).toBe('cto.people/v1');
    expect(
      doc.people.map((p: { name: string; commits: number; repositories: string[] }) => [
        p.name,
        p.commits,
        p.repositories,
      ]),
    ).toEqual([
      ['Ada Lovelace', 3, ['shop', 'tools']],
      ['Bob Builder', 1, ['shop']],
    ]);
    expect(cto(['people', '--workspace', ws]).stdout).toMatch(/Ada Lovelace\s+3/);
    const tools = json(['people', 'tools']);
    expect(tools.people.map((p: { name: string; commits: number }) => [p.name, p.commits])).toEqual([
      ['Ada Lovelace', 1],
    ]);
  });

  test('knowledge gives the truck factor, its people and their shares', () => {
    const doc = json(['knowledge', 'shop']);
    expect(doc.schema).toBe('cto.knowledge/v1');
    const [shop] = doc.repositories;
    expect(shop).toMatchObject({ repository: 'shop', truckFactor: 1, files: 3 });
    expect(shop.people.map((p: { name: string; files: number }) => [p.name, p.files])).toEqual([
      ['Ada Lovelace', 2],
    ]);
    expect(shop.singleAuthorFiles.map((f: { path: string }) => f.path)).toEqual([
      'src/a.ts',
      'lib/c.ts',
      'src/b.ts',
    ]);
    const bad = cto(['knowledge', 'nosuch', '--workspace', ws]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/REPOSITORY_NOT_FOUND/);
  });

  test("--leave, by any of a person's e-mails, finds what loses every author", () => {
    const doc = json(['knowledge', '--leave', 'ada@home.example']);
    expect(doc.leaving).toEqual(['Ada Lovelace']);
    const by = Object.fromEntries(doc.offboarding.map((r: { repository: string }) => [r.repository, r]));
    expect(by.shop).toMatchObject({ files: 3, orphanedFiles: 2, orphanedLines: 3 });
    expect(by.shop.folders).toEqual([
      { folder: 'src', files: 2, orphanedFiles: 2, orphanedLines: 3, commits: 3 },
    ]);
    expect(by.tools).toMatchObject({ orphanedFiles: 1 });
    const none = cto(['knowledge', '--leave', 'nobody@example.com', '--workspace', ws]);
    expect(none.code).toBe(2);
  });

  test('--anonymize leaves no name or e-mail and gives stable pseudonyms', () => {
    const people = cto(['people', '--anonymize', '--json', '--workspace', ws]).stdout;
    const knowledge = cto(['knowledge', '--anonymize', '--json', '--workspace', ws]).stdout;
    for (const out of [people, knowledge]) expect(out).not.toMatch(/Ada|Bob|@example|p-[0-9a-f]{12}/);
    const ada = JSON.parse(people).people[0].name;
    expect(ada).toMatch(/^person-[0-9a-f]{8}$/);
    expect(JSON.parse(knowledge).repositories[0].people[0].name).toBe(ada);
  });

  test('teams rolls knowledge up per team and reports what nobody owns', () => {
    // Counted back from 2024-03-15: Ada's commits of March 2024 are recent.
    const doc = json(['teams', '--today', '2024-03-15']);
    expect(doc.schema).toBe('cto.teams/v1');
    expect(doc.teams).toEqual([
      {
        team: 'Core',
        members: 1,
        activeMembers90d: 1,
        repositories: ['shop'],
        lowestTruckFactor: 1,
        files: 3,
        singleAuthorFiles: 3,
        filesWithoutActiveAuthor: 0,
      },
    ]);
    expect(doc.unowned).toEqual([
      { rule: 'unowned-repository', severity: 'medium', repository: 'tools', folder: null, files: 1 },
    ]);
  });

  test('knowledge starts with the portfolio summary at the reference date; --today moves it', () => {
    const at = (day: string) => cto(['knowledge', '--today', day, '--workspace', ws]);
    const before = at('2024-03-15');
    expect(before.code).toBe(0);
    const lines = before.stdout.split('\n');
    expect(lines[0]).toBe('Knowledge at 2024-03-15 (departed: no commit in the 365 days before it)');
    expect(lines[1]).toMatch(/^repository\s+truck factor\s+active truck factor\s+active key people/);
    expect(before.stdout).toMatch(/^shop\s+1\s+1\s+1\/1\s+0\s*$/m);
    expect(before.stdout).toMatch(/shop: truck factor 1 \(among active people 1\)/);
    // A year and more after Ada's last commit (2024-03-01), the same store says she has left; nobody
    // has committed since, so the repository is dormant rather than left.
    const after = at('2025-06-01');
    expect(after.stdout).toMatch(/^shop\s+1\s+0\s+0\/1\s+2\s+dormant: no commit since 2024-03-01$/m);
    expect(after.stdout).toMatch(/Ada Lovelace \[departed\]/);
    const doc = json(['knowledge', 'shop', '--today', '2025-06-01']);
    expect(doc.today).toBe('2025-06-01');
    expect(doc.repositories[0].active).toMatchObject({
      truckFactor: 0,
      keyPeople: 1,
      activeKeyPeople: 0,
      restsOnDeparted: true,
    });
    const people = json(['people', '--today', '2024-03-15']);
    expect(people.people.map((p: { name: string; commits90d: number }) => [p.name, p.commits90d])).toEqual([
      ['Ada Lovelace', 3],
      ['Bob Builder', 1],
    ]);
    const later = json(['people', '--today', '2024-05-15']);
    // 90 days before 2024-05-15: Ada's two commits of March 2024 (shop and tools), none of Bob's.
    expect(later.people.map((p: { commits90d: number }) => p.commits90d)).toEqual([2, 0]);
  });

  test('a snapshot older than snapshots.staleAfterDays at the reference date is named first', () => {
    const r = cto(['knowledge', '--today', '2099-01-01', '--workspace', ws]);
    expect(r.code).toBe(0);
    const [first, second] = r.stdout.split('\n');
    expect(first).toMatch(/^shop: snapshot \d+ days old — rescan$/);
    expect(second).toMatch(/^tools: snapshot \d+ days old — rescan$/);
    const repos = cto(['repos', '--today', '2099-01-01', '--workspace', ws]);
    expect(repos.stdout).toMatch(/\d+ d stale, rescan/);
    expect(cto(['repos', '--workspace', ws]).stdout).not.toMatch(/stale/);
    const j = cto(['people', '--today', '2099-01-01', '--json', '--workspace', ws]);
    expect(j.stderr).toMatch(/^shop: snapshot \d+ days old — rescan$/m);
    expect(JSON.parse(j.stdout).schema).toBe('cto.people/v1');
  });
});
