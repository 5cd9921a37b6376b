import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  ADA,
  BOB,
  buildRepo,
  type CommitSpec,
  cleanupTemp,
  tempDir,
} from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import type { Engine } from '../../store/migrations/index.ts';
import {
  currentCodeOwners,
  currentKnowledgeFiles,
  currentPeople,
  currentTruckFactors,
} from '../../store/people.ts';
import { openStore, type Store } from '../../store/store.ts';
import { knowledgeAnalysis } from './analysis.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const OLD_ADA = { name: 'A. Lovelace', email: 'ada@old.example' };
const BOT = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };

// Ada (two signatures joined by the .mailmap) wrote src/ and lib/ in 2020; Bob wrote tools/ in 2024;
// a bot touched src/b.ts last. Reference date: the last commit, 2024-06-10.
const HISTORY: CommitSpec[] = [
  {
    author: ADA,
    date: '2020-01-01T10:00:00Z',
    files: {
      'src/a.ts': 'a\n',
      'src/b.ts': 'b\n',
      'lib/x.py': 'x\n',
      'README.md': '# r\n',
      '.mailmap': 'Ada Lovelace <ada@example.com> <ada@old.example>\nthis line is bad\n',
      '.github/CODEOWNERS': '* @acme/web\n/src/ @acme/core\n/bad/ not-an-owner\n',
    },
  },
  { author: OLD_ADA, date: '2020-02-01T10:00:00Z', files: { 'src/a.ts': 'a\nb\n' } },
  { author: BOB, date: '2024-05-01T10:00:00Z', files: { 'tools/t.go': 't\n' } },
  { author: BOB, date: '2024-06-01T10:00:00Z', files: { 'tools/t.go': 't\nu\n' } },
  { author: BOT, date: '2024-06-10T10:00:00Z', files: { 'src/b.ts': 'b\nc\n' } },
];

const TEAMS = `teams:
  - name: Core
    members: [Ada Lovelace]
    handles: ['@acme/core']
  - name: Web
    owns: [shop]
`;

async function scan(store: Store, repo: string, ws: string): Promise<void> {
  const r = await runScan(store, {
    paths: [repo],
    depth: 2,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({ analyses: [knowledgeAnalysis] }),
    workspace: { dir: ws, config: {}, today: '2024-06-10' },
  });
  expect(r.repositories[0]?.status).toBe('ok');
}

async function metric(store: Store, name: string, scope = 'repository', subject = '') {
  return store.db
    .selectFrom('metrics')
    .select(['value', 'evidence'])
    .where('metric', '=', name)
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .executeTakeFirstOrThrow();
}

describe.each(ENGINES)('knowledge analysis on %s', (engine: Engine) => {
  test('stores contributors, truck factor, file authors, CODEOWNERS rules and findings', async () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'teams.yaml'), TEAMS);
    const repo = join(tempDir(), 'shop');
    mkdirSync(repo);
    buildRepo(repo, HISTORY);
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, repo, ws);
    const people = await store.db.selectFrom('people').selectAll().orderBy('commits', 'desc').execute();
    expect(people.map((p) => [p.name, p.commits, p.bot, p.commits_90d, p.commits_365d])).toEqual([
      ['Ada Lovelace', 2, 0, 0, 0],
      ['Bob Builder', 2, 0, 2, 2],
      ['dependabot[bot]', 1, 1, 1, 1],
    ]);
    const ada = people[0]!.person_id;
    const bob = people[1]!.person_id;
    const tf = await metric(store, 'truck-factor');
    expect(tf.value).toBe(1);
    expect(JSON.parse(tf.evidence!).people).toEqual([ada]);
    expect((await metric(store, 'truck-factor-files')).value).toBe(4);
    // Among active people: Ada's three files of four have no active author, fewer than half are covered: 0.
    expect((await metric(store, 'truck-factor-active')).value).toBe(0);
    expect((await metric(store, 'active-key-people')).value).toBe(0);
    expect((await metric(store, 'truck-factor', 'folder', 'tools')).value).toBe(1);
    const authors = await store.db
      .selectFrom('file_authors')
      .select(['path', 'person_id'])
      .orderBy('path')
      .execute();
    expect(authors.map((a) => [a.path, a.person_id])).toEqual([
      ['lib/x.py', ada],
      ['src/a.ts', ada],
      ['src/b.ts', ada],
      ['tools/t.go', bob],
    ]);
    const months = await store.db
      .selectFrom('person_months')
      .select(['period', 'commits'])
      .where('person_id', '=', bob)
      .execute();
    expect(months.map((m) => [m.period, m.commits]).sort()).toEqual([
      ['2024-05', 1],
      ['2024-06', 1],
    ]);
    const rules = await store.db
      .selectFrom('code_owners')
      .select(['pattern', 'owners'])
      .orderBy('line')
      .execute();
    expect(rules).toEqual([
      { pattern: '*', owners: '@acme/web' },
      { pattern: '/src/', owners: '@acme/core' },
    ]);
    const diags = await store.db
      .selectFrom('diagnostics')
      .select(['code'])
      .where('collector', 'in', ['identities', 'codeowners'])
      .execute();
    expect(diags.map((d) => d.code).sort()).toEqual(['bad-codeowners-line', 'bad-mailmap-line']);
    const findings = await store.db
      .selectFrom('findings')
      .select(['rule', 'subject', 'owner', 'severity'])
      .orderBy('rule')
      .orderBy('subject')
      .execute();
    expect(findings).toEqual([
      { rule: 'folder-authors-inactive', subject: 'lib', owner: 'Web', severity: 'medium' },
      { rule: 'folder-authors-inactive', subject: 'src', owner: 'Core', severity: 'medium' },
      // Ada, the one key person, made her last commit in 2020.
      { rule: 'knowledge-departed', subject: '', owner: 'Web', severity: 'high' },
      { rule: 'single-author-hotspot', subject: 'src/b.ts', owner: 'Core', severity: 'medium' },
      { rule: 'single-author-hotspot', subject: 'tools/t.go', owner: 'Web', severity: 'medium' },
      { rule: 'truck-factor-one', subject: '', owner: 'Web', severity: 'high' },
    ]);
    // What the commands read back, on this engine.
    const stored = (await currentPeople(store, '2024-06-10')).map((p) => [p.repository, p.name, p.emails]);
    expect(stored.sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : 1))).toEqual([
      ['shop', 'Ada Lovelace', ['ada@example.com']], // the .mailmap maps the old address
      ['shop', 'Bob Builder', ['bob@example.com']],
      ['shop', 'dependabot[bot]', [BOT.email]],
    ]);
    const files = await currentKnowledgeFiles(store, 'shop');
    expect(files.map((f) => [f.path, f.commits, f.commits365d, f.authors])).toEqual([
      ['lib/x.py', 1, 0, [ada]],
      ['src/a.ts', 2, 0, [ada]],
      ['src/b.ts', 2, 1, [ada]],
      ['tools/t.go', 2, 2, [bob]],
    ]);
    const tfs = await currentTruckFactors(store);
    expect(tfs.find((t) => t.scope === 'repository')).toMatchObject({
      repository: 'shop',
      value: 1,
      people: [ada],
    });
    expect((await currentCodeOwners(store)).map((r) => r.owners)).toEqual([['@acme/web'], ['@acme/core']]);
    await store.close();
  });

  test('a repository with one commit, or only binary files, gives a defined result', async () => {
    const ws = tempDir();
    const one = buildRepo(tempDir(), [
      { author: ADA, date: '2024-01-01T00:00:00Z', files: { 'a.ts': 'a\n' } },
    ]);
    const bin = buildRepo(tempDir(), [
      { author: BOB, date: '2024-01-01T00:00:00Z', files: { 'x.png': Buffer.from([137, 80, 0, 1]) } },
    ]);
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, one, ws);
    expect((await metric(store, 'truck-factor')).value).toBe(1);
    expect((await metric(store, 'truck-factor', 'folder', '.')).value).toBe(1);
    await scan(store, bin, ws);
    const rows = await store.db
      .selectFrom('metrics')
      .select(['snapshot_id', 'value'])
      .where('metric', '=', 'truck-factor-files')
      .orderBy('snapshot_id')
      .execute();
    expect(rows.map((r) => r.value)).toEqual([1, 0]);
    const binTf = await store.db
      .selectFrom('metrics')
      .select('value')
      .where('metric', '=', 'truck-factor')
      .where('snapshot_id', '=', rows[1]!.snapshot_id)
      .execute();
    expect(binTf.map((r) => r.value)).toEqual([0]);
    await store.close();
  });
});
