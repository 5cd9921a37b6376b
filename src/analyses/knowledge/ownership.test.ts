import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import {
  ADA,
  BOB,
  buildRepo,
  cleanupTemp,
  type FileContent,
  tempDir,
} from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { hasTeamsFile, loadTeams } from '../../office/teams.ts';
import { CODEOWNERS_LOCATIONS } from '../../people/codeowners/index.ts';
import { referenceTs } from '../../reference-date.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import type { Engine } from '../../store/migrations/index.ts';
import {
  currentCodeOwners,
  currentFilesAt,
  currentKnowledgeFiles,
  currentPeople,
  currentTruckFactors,
} from '../../store/people.ts';
import { openStore, type Store } from '../../store/store.ts';
import { knowledgeAnalysis } from './analysis.ts';
import { ownershipGaps } from './ownership.ts';
import { teamsReport } from './teams-view.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

// Source files in six top-level groups: api, web, lib (with lib/sub), tools, scripts and the root.
const SOURCES: Record<string, string> = {
  'api/a.ts': 'a\n',
  'api/b.ts': 'b\n',
  'web/w.ts': 'w\n',
  'lib/x.py': 'x\n',
  'lib/sub/g.py': 'g\n',
  'tools/t.go': 't\n',
  'scripts/s.py': 's\n',
  'main.go': 'package main\n',
  'README.md': '# not a source file\n',
};

// api: a team; web: a user no team maps (still an owner); lib: covered except lib/sub, whose rule
// names no owner (partly owned); tools, scripts and the root files: no rule.
const CODEOWNERS = `/api/ @acme/core
/web/ @alice
/lib/ @acme/core
/lib/sub/
/tools/ not-an-owner
`;

function makeRepo(name: string, extra: Record<string, FileContent> = {}): string {
  const repo = join(tempDir(), name);
  mkdirSync(repo);
  return buildRepo(repo, [
    { author: ADA, date: '2024-01-01T00:00:00Z', files: { ...SOURCES, ...extra } },
    { author: BOB, date: '2024-02-01T00:00:00Z', files: { 'api/a.ts': 'a\nb\n' } },
  ]);
}

async function scan(store: Store, repo: string, ws: string): Promise<void> {
  const r = await runScan(store, {
    paths: [repo],
    depth: 2,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ analyses: [knowledgeAnalysis] }),
    workspace: { dir: ws, config: {} },
  });
  expect(r.repositories[0]?.status).toBe('ok');
}

const OWNERSHIP_RULES = ['unowned-repository', 'unowned-folder', 'no-ownership-declared'];

async function storedGaps(store: Store) {
  const rows = await store.db
    .selectFrom('findings as f')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'f.snapshot_id')
    .select(['r.name as repository', 'f.rule', 'f.severity', 'f.subject', 'f.title', 'f.owner', 'f.evidence'])
    .where('f.rule', 'in', OWNERSHIP_RULES)
    .orderBy('r.name')
    .orderBy('f.subject')
    .execute();
  return rows;
}

/** What `cto teams` computes from stored rows, in the stored findings' terms. */
async function teamsView(store: Store, ws: string) {
  const report = teamsReport(
    loadTeams(ws),
    await currentCodeOwners(store),
    await currentKnowledgeFiles(store),
    await currentPeople(store, '2024-06-10'),
    await currentTruckFactors(store),
    { teamsFile: hasTeamsFile(ws), codeownersFiles: await currentFilesAt(store, CODEOWNERS_LOCATIONS) },
    referenceTs('2024-06-10'),
  );
  return report.unowned.map((u) => ({
    repository: u.repository,
    rule: u.rule,
    severity: u.severity,
    subject: u.folder ?? '',
  }));
}

describe.each(ENGINES)('ownership findings on %s', (engine: Engine) => {
  test('CODEOWNERS: a finding for each top-level folder no rule with owners covers, and none other', async () => {
    const ws = tempDir();
    const repo = makeRepo('shop', { '.github/CODEOWNERS': CODEOWNERS });
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, repo, ws);
    const gaps = await storedGaps(store);
    expect(gaps.map((g) => [g.rule, g.severity, g.subject, g.owner])).toEqual([
      ['unowned-folder', 'low', '.', null],
      ['unowned-folder', 'low', 'scripts', null],
      ['unowned-folder', 'low', 'tools', null],
    ]);
    expect(gaps.map((g) => g.title)).toEqual([
      'Nobody owns the root files: no CODEOWNERS or teams.yaml rule covers any of its 1 file considered',
      'Nobody owns scripts/: no CODEOWNERS or teams.yaml rule covers any of its 1 file considered',
      'Nobody owns tools/: no CODEOWNERS or teams.yaml rule covers any of its 1 file considered',
    ]);
    // The evidence names the files, and its query returns exactly them.
    for (const g of gaps) {
      const evidence = JSON.parse(g.evidence!) as { files: string[]; sql: string };
      const rows = await sql.raw<{ path: string }>(evidence.sql).execute(store.db);
      expect(rows.rows.map((r) => r.path)).toEqual(evidence.files);
    }
    expect(gaps.map((g) => JSON.parse(g.evidence!).files)).toEqual([
      ['main.go'],
      ['scripts/s.py'],
      ['tools/t.go'],
    ]);
    expect(await teamsView(store, ws)).toEqual(
      gaps.map((g) => ({ repository: 'shop', rule: g.rule, severity: g.severity, subject: g.subject })),
    );
    await store.close();
  });

  test('teams.yaml: path rules cover folders; a repository no team owns is one finding', async () => {
    const ws = tempDir();
    writeFileSync(
      join(ws, 'teams.yaml'),
      `teams:
  - name: Core
    owns:
      - repository: shop
        paths: ['api/', 'lib/**']
`,
    );
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, makeRepo('shop'), ws);
    await scan(store, makeRepo('other'), ws);
    const gaps = await storedGaps(store);
    expect(gaps.map((g) => [g.repository, g.rule, g.severity, g.subject])).toEqual([
      ['other', 'unowned-repository', 'medium', ''],
      ['shop', 'unowned-folder', 'low', '.'],
      ['shop', 'unowned-folder', 'low', 'scripts'],
      ['shop', 'unowned-folder', 'low', 'tools'],
      ['shop', 'unowned-folder', 'low', 'web'],
    ]);
    const other = gaps[0]!;
    expect(other.title).toBe(
      'Nobody owns this repository: no CODEOWNERS or teams.yaml rule covers any of its 8 files considered',
    );
    const evidence = JSON.parse(other.evidence!) as { files: string[]; sql: string };
    expect((await sql.raw<{ path: string }>(evidence.sql).execute(store.db)).rows.map((r) => r.path)).toEqual(
      evidence.files,
    );
    expect(evidence.files).toHaveLength(8);
    expect(await teamsView(store, ws)).toEqual(
      gaps.map((g) => ({ repository: g.repository, rule: g.rule, severity: g.severity, subject: g.subject })),
    );
    await store.close();
  });

  test('nothing declared: one no-ownership-declared finding per repository', async () => {
    const ws = tempDir();
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, makeRepo('shop'), ws);
    const gaps = await storedGaps(store);
    expect(gaps.map((g) => [g.rule, g.severity, g.subject, g.title])).toEqual([
      [
        'no-ownership-declared',
        'low',
        '',
        'No owner is declared for this repository: no teams.yaml in the workspace and no CODEOWNERS file (8 files considered)',
      ],
    ]);
    expect(await teamsView(store, ws)).toEqual([
      { repository: 'shop', rule: 'no-ownership-declared', severity: 'low', subject: '' },
    ]);
    // An empty teams.yaml declares ownership: the same repository is then unowned.
    writeFileSync(join(ws, 'teams.yaml'), 'teams: []\n');
    expect(await teamsView(store, ws)).toEqual([
      { repository: 'shop', rule: 'unowned-repository', severity: 'medium', subject: '' },
    ]);
    await store.close();
  });
});

describe('ownershipGaps', () => {
  const files = [
    { path: 'a/x.ts', folder: 'a' },
    { path: 'a/y.ts', folder: 'a' },
    { path: 'b/z.ts', folder: 'b' },
  ];
  const base = { repository: 'r', files, teams: [], teamsFile: false };

  test('a CODEOWNERS file with no rule that applies leaves the whole repository unowned', () => {
    expect(ownershipGaps({ ...base, codeowners: [] })).toEqual([
      { rule: 'unowned-repository', severity: 'medium', folder: null, files: ['a/x.ts', 'a/y.ts', 'b/z.ts'] },
    ]);
  });

  test('the last matching rule decides; a rule without owners uncovers', () => {
    const codeowners = [
      { pattern: '*', owners: ['@o/t'] },
      { pattern: '/b/', owners: [] },
      { pattern: '/a/y.ts', owners: [] },
    ];
    // a is partly owned (x covered, y not): not a finding; b has no covered file.
    expect(ownershipGaps({ ...base, codeowners })).toEqual([
      { rule: 'unowned-folder', severity: 'low', folder: 'b', files: ['b/z.ts'] },
    ]);
  });

  test('no file considered: no finding', () => {
    expect(ownershipGaps({ ...base, files: [], codeowners: null })).toEqual([]);
  });
});
