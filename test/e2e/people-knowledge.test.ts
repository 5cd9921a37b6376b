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
    expect(ada).toMatch(/^Person [0-9a-f]{4}$/);
    expect(JSON.parse(knowledge).repositories[0].people[0].name).toBe(ada);
  });

  test('teams rolls knowledge up per team and reports what nobody owns', () => {
    const doc = json(['teams']);
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
});
