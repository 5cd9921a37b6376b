import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import {
  ADA,
  addCommits,
  BOB,
  buildRepo,
  type CommitSpec,
  CY,
  cleanupTemp,
  git,
  tempDir,
} from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import type { Engine } from '../store/migrations/index.ts';
import { openStore, type Store } from '../store/store.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';
import type { RepoOutcome } from './scan.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const HISTORY: CommitSpec[] = [
  {
    author: ADA,
    date: '2024-01-01T10:00:00+01:00',
    files: { 'README.md': '# demo\n', 'src/a.ts': 'a\nb\nc\n' },
  },
  {
    author: BOB,
    date: '2024-01-02T10:00:00-05:00',
    files: { 'src/b.ts': 'x\n', 'logo.png': Buffer.from([137, 80, 0, 1]) },
  },
  { author: CY, date: '2024-01-03T10:00:00Z', files: { 'src/a.ts': 'a\nb\nc\nd\n' } },
];

async function scan(
  store: Store,
  paths: string[],
  extra: Partial<Parameters<typeof runScan>[1]> = {},
): Promise<RepoOutcome[]> {
  const r = await runScan(store, {
    paths,
    depth: 4,
    jobs: 2,
    maxFileSize: 10 * 1024 * 1024,
    plugins: givenPlugins({}),
    workspace: { dir: '.', config: {} },
    ...extra,
  });
  return r.repositories;
}

async function count(
  store: Store,
  table: 'commits' | 'file_changes' | 'files' | 'snapshots' | 'tags',
): Promise<number> {
  const r = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(ENGINES)('scan on %s', (engine: Engine) => {
  test('a first scan stores history, tree and tags, matching git', async () => {
    const dir = buildRepo(tempDir(), HISTORY, {
      tags: [
        { name: 'v1.0.0', at: 1, message: 'first release' },
        { name: 'light', at: 2 },
      ],
    });
    const store = await openStore(freshStoreTarget(engine));
    const [o] = await scan(store, [dir]);
    expect(o).toMatchObject({ status: 'ok', commits: 3, authors: 3, files: 4, historyMode: 'full' });
    expect(o?.commit).toBe(git(dir, ['rev-parse', 'HEAD']).trim());
    expect(o?.firstCommitAt).toBe('2024-01-01T10:00:00+01:00');
    expect(o?.lastCommitAt).toBe('2024-01-03T10:00:00+00:00');
    const files = await store.db
      .selectFrom('files')
      .select(['path', 'lines', 'is_binary', 'kind'])
      .orderBy('path')
      .execute();
    expect(files).toEqual([
      { path: 'README.md', lines: 1, is_binary: 0, kind: 'file' },
      { path: 'logo.png', lines: null, is_binary: 1, kind: 'file' },
      { path: 'src/a.ts', lines: 4, is_binary: 0, kind: 'file' },
      { path: 'src/b.ts', lines: 1, is_binary: 0, kind: 'file' },
    ]);
    const tags = await store.db.selectFrom('tags').selectAll().orderBy('name').execute();
    expect(tags.map((t) => [t.name, t.annotated, t.subject])).toEqual([
      ['light', 0, null],
      ['v1.0.0', 1, 'first release'],
    ]);
    expect(tags[1]?.commit_sha).toBe(git(dir, ['rev-parse', 'v1.0.0^{commit}']).trim());
    const changes = await store.readOnlyQuery(
      "select commit_sha, added, deleted, is_binary from current_file_changes where path = 'src/a.ts' order by added",
    );
    expect(changes.rows.map((r) => r.slice(1).map(Number))).toEqual([
      [1, 0, 0],
      [3, 0, 0],
    ]);
    const png = await store.readOnlyQuery(
      "select added, is_binary from current_file_changes where path = 'logo.png'",
    );
    expect(png.rows).toEqual([[null, 1]]);
    await store.close();
  });

  test('an unchanged repository is a no-op; new commits are read incrementally', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, [dir]);
    const before = {
      snapshots: await count(store, 'snapshots'),
      commits: await count(store, 'commits'),
      files: await count(store, 'files'),
    };
    const [again] = await scan(store, [dir]);
    expect(again?.status).toBe('unchanged');
    expect({
      snapshots: await count(store, 'snapshots'),
      commits: await count(store, 'commits'),
      files: await count(store, 'files'),
    }).toEqual(before);

    addCommits(dir, [{ author: BOB, date: '2024-02-01T00:00:00Z', files: { 'src/c.ts': 'new\n' } }]);
    const [inc] = await scan(store, [dir]);
    expect(inc).toMatchObject({
      status: 'ok',
      historyMode: 'incremental',
      newCommits: 1,
      commits: 4,
      authors: 3,
      files: 5,
    });
    expect(await count(store, 'commits')).toBe(4); // only the new commit was written
    const current = await store.readOnlyQuery('select count(*) from current_commits');
    expect(Number(current.rows[0]?.[0])).toBe(4);
    await store.close();
  });

  test('a rewritten history is read again in full; the old snapshot stays readable', async () => {
    const dir = buildRepo(tempDir(), HISTORY);
    const store = await openStore(freshStoreTarget(engine));
    const [first] = await scan(store, [dir]);
    git(dir, ['update-ref', 'refs/heads/main', 'HEAD~1']); // like a force-push that drops the last commit
    addCommits(dir, [
      { author: ADA, date: '2024-03-01T00:00:00Z', message: 'replacement', files: { 'x.txt': 'x\n' } },
    ]);
    const [second] = await scan(store, [dir]);
    expect(second).toMatchObject({ status: 'ok', historyMode: 'full', commits: 3, newCommits: 3 });
    const subjects = await store.readOnlyQuery('select subject from current_commits order by author_ts');
    expect(subjects.rows.map((r) => r[0])).toEqual(['commit 0', 'commit 1', 'replacement']);
    // The first snapshot still answers with its own history.
    const old = await store.db
      .selectFrom('snapshot_segments as g')
      .innerJoin('commits as c', 'c.snapshot_id', 'g.segment_id')
      .select('c.subject')
      .where('g.snapshot_id', '=', first?.snapshotId ?? -1)
      .orderBy('c.author_ts')
      .execute();
    expect(old.map((r) => r.subject)).toEqual(['commit 0', 'commit 1', 'commit 2']);
    await store.close();
  });

  test('bad repositories fail one by one while the others finish', async () => {
    const root = tempDir();
    buildRepo(join(root, 'good'), HISTORY);
    buildRepo(join(root, 'empty'), []);
    const corrupt = buildRepo(join(root, 'corrupt'), HISTORY);
    const blob = git(corrupt, ['rev-parse', 'HEAD:src/a.ts']).trim();
    rmSync(join(corrupt, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const store = await openStore(freshStoreTarget(engine));
    const outcomes = await scan(store, [root, join(root, 'nope')]);
    const byName = new Map(outcomes.map((o) => [o.name, o]));
    expect(byName.get('good')?.status).toBe('ok');
    expect(byName.get('empty')).toMatchObject({ status: 'failed', error: { code: 'EMPTY_REPOSITORY' } });
    // A missing blob: history is still read (without line counts) and the snapshot is partial.
    const corruptOutcome = byName.get('corrupt');
    expect(corruptOutcome?.error).toBeNull();
    expect(corruptOutcome).toMatchObject({ status: 'partial', commits: 3 });
    expect(corruptOutcome?.diagnostics.map((d) => d.code).sort()).toEqual(['missing-objects', 'unreadable']);
    const unknownLines = await store.readOnlyQuery(
      "select count(*) from current_file_changes where repository = 'corrupt' and added is null",
    );
    expect(Number(unknownLines.rows[0]?.[0])).toBeGreaterThan(0);
    // A missing commit object cannot be worked around: the repository fails with a clear code.
    const broken = buildRepo(join(tempDir(), 'broken'), HISTORY);
    const parent = git(broken, ['rev-parse', 'HEAD~1']).trim();
    rmSync(join(broken, '.git', 'objects', parent.slice(0, 2), parent.slice(2)));
    const [b] = await scan(store, [broken]);
    expect(b).toMatchObject({ status: 'failed', error: { code: 'CORRUPT_REPOSITORY' } });
    const r = await runScan(store, {
      paths: [join(root, 'nope')],
      depth: 4,
      jobs: 1,
      maxFileSize: 1e7,
      plugins: givenPlugins({}),
      workspace: { dir: '.', config: {} },
    });
    expect(r.problems[0]?.error.code).toBe('PATH_NOT_FOUND');
    await store.close();
  });

  test('a shallow clone is scanned and marked partial', async () => {
    const src = buildRepo(tempDir(), HISTORY);
    const shallow = join(tempDir(), 'shallow');
    git(tempDir(), ['clone', '-q', '--depth', '1', `file://${src}`, shallow]);
    const store = await openStore(freshStoreTarget(engine));
    const [o] = await scan(store, [shallow]);
    expect(o).toMatchObject({ status: 'partial', commits: 1 });
    expect(o?.diagnostics.map((d) => d.code)).toContain('shallow-clone');
    await store.close();
  });
});

describe('discovery and options', () => {
  test('finds work trees and bare repositories, skips node_modules and hidden folders, scans each once', async () => {
    const root = tempDir();
    buildRepo(join(root, 'a'), HISTORY);
    buildRepo(join(root, 'group', 'b.git'), HISTORY, { bare: true });
    buildRepo(join(root, 'node_modules', 'dep'), HISTORY);
    buildRepo(join(root, '.hidden', 'c'), HISTORY);
    buildRepo(join(root, 'a', 'nested'), HISTORY); // inside a repository: not entered
    const store = await openStore(freshStoreTarget('sqlite'));
    const outcomes = await scan(store, [root, join(root, 'a'), join(root, 'a', '.git')]);
    expect(outcomes.map((o) => o.name).sort()).toEqual(['a', 'b']);
    await store.close();
  });

  test('--rev scans another branch; a bad revision fails clearly', async () => {
    const dir = buildRepo(tempDir(), [...HISTORY, { branch: 'topic', from: 0, files: { 't.txt': 't\n' } }]);
    const store = await openStore(freshStoreTarget('sqlite'));
    const [o] = await scan(store, [dir], { rev: 'topic' });
    expect(o).toMatchObject({ status: 'ok', commits: 2, ref: 'topic' });
    const [bad] = await scan(store, [dir], { rev: 'no-such-branch' });
    expect(bad).toMatchObject({ status: 'failed', error: { code: 'BAD_REVISION' } });
    await store.close();
  });

  test('files over the size cap are recorded with a diagnostic and not read', async () => {
    const dir = buildRepo(tempDir(), [{ files: { 'big.txt': 'x\n'.repeat(600), 'small.txt': 'y\n' } }]);
    const store = await openStore(freshStoreTarget('sqlite'));
    const [o] = await scan(store, [dir], { maxFileSize: 1000 });
    expect(o?.status).toBe('ok');
    expect(o?.diagnostics).toEqual([expect.objectContaining({ path: 'big.txt', code: 'too-large' })]);
    const big = await store.db
      .selectFrom('files')
      .selectAll()
      .where('path', '=', 'big.txt')
      .executeTakeFirstOrThrow();
    expect(big).toMatchObject({ size: 1200, lines: null, is_binary: null });
    await store.close();
  });

  test('symlinks and executables keep their kind; symlinks are not followed', async () => {
    const outside = join(tempDir(), 'secret.txt');
    writeFileSync(outside, 'secret\n');
    const dir = buildRepo(tempDir(), [
      { files: { link: { symlink: outside }, 'run.sh': { executable: '#!/bin/sh\necho hi\n' } } },
    ]);
    const store = await openStore(freshStoreTarget('sqlite'));
    await scan(store, [dir]);
    const files = await store.db
      .selectFrom('files')
      .select(['path', 'kind', 'lines', 'size'])
      .orderBy('path')
      .execute();
    expect(files).toEqual([
      { path: 'link', kind: 'symlink', lines: null, size: outside.length },
      { path: 'run.sh', kind: 'executable', lines: 2, size: 18 },
    ]);
    await store.close();
  });
});

test('a linked worktree (a .git file) is scanned as its repository', async () => {
  const dir = buildRepo(tempDir(), HISTORY);
  git(dir, ['checkout', '-q', '-f', 'main']);
  const linked = join(tempDir(), 'linked');
  git(dir, ['worktree', 'add', '-q', '-b', 'wt', linked, 'main']);
  const store = await openStore(freshStoreTarget('sqlite'));
  const [o] = await scan(store, [linked]);
  expect(o).toMatchObject({ status: 'ok', commits: 3, name: 'linked' });
  // The linked worktree and the main one are the same repository: scanned once.
  const both = await scan(store, [linked, dir]);
  expect(both).toHaveLength(1);
  await store.close();
});

test('file collectors run on the committed tree and their facts are stored with the snapshot', async () => {
  const { COLLECTORS } = await import('../collectors/registry.ts');
  const lock = {
    name: 'shop',
    version: '1.0.0',
    lockfileVersion: 3,
    packages: {
      '': { name: 'shop', version: '1.0.0', dependencies: { pg: '^8.0.0' } },
      'node_modules/pg': { version: '8.11.3', license: 'MIT' },
      'node_modules/pg-types': { version: '2.2.0', license: 'MIT' },
    },
  };
  const dir = buildRepo(tempDir(), [
    {
      files: {
        'package.json': JSON.stringify({
          name: 'shop',
          dependencies: { pg: '^8.0.0' },
          engines: { node: '>=20' },
        }),
        'package-lock.json': JSON.stringify(lock),
        Dockerfile: 'FROM node:20-alpine AS build\nFROM nginx:1.25\n',
        'go.mod': 'module example.com/x\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n',
        'broken/package-lock.json': '{ not json',
      },
    },
  ]);
  const store = await openStore(freshStoreTarget('sqlite'));
  const [o] = await scan(store, [dir], { plugins: givenPlugins({ collectors: COLLECTORS }) });
  expect(o?.status).toBe('ok');
  const deps = await store.readOnlyQuery(
    "select ecosystem, name, version from current_dependencies where collector in ('npm-lock', 'go-mod') order by 1, 2",
  );
  expect(deps.rows).toEqual([
    ['Go', 'github.com/pkg/errors', 'v0.9.1'],
    ['npm', 'pg', '8.11.3'],
    ['npm', 'pg-types', '2.2.0'],
  ]);
  const images = await store.readOnlyQuery('select name, version from current_images order by 1');
  expect(images.rows).toEqual([
    ['nginx', '1.25'],
    ['node', '20-alpine'],
  ]);
  const runtimes = await store.readOnlyQuery('select kind, version from current_runtimes order by 1');
  expect(runtimes.rows).toEqual(
    expect.arrayContaining([
      ['go', '1.22'],
      ['node', '>=20'],
    ]),
  );
  expect(o?.diagnostics.some((d) => d.path === 'broken/package-lock.json')).toBe(true);
  await store.close();
});

test('repositories with the same folder name are told apart by their parent folders', async () => {
  const root = tempDir();
  buildRepo(join(root, 'team-a', 'api'), HISTORY);
  buildRepo(join(root, 'team-b', 'api'), HISTORY);
  buildRepo(join(root, 'team-b', 'web'), HISTORY);
  const store = await openStore(freshStoreTarget('sqlite'));
  const outcomes = await scan(store, [root]);
  expect(outcomes.map((o) => o.name).sort()).toEqual(['team-a/api', 'team-b/api', 'web']);
  await store.close();
});

test('analyses run on a new snapshot; one that throws becomes a diagnostic and the others still run', async () => {
  const seen: number[] = [];
  const counting = fakeAnalysis(
    'commit-count',
    async (ctx) => {
      seen.push(ctx.snapshotId);
      const n = await ctx.store.db
        .selectFrom('commits')
        .where('snapshot_id', 'in', ctx.segments)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        metrics: [
          {
            metric: 'commits',
            scope: 'repository' as const,
            subject: '',
            value: Number(n.n),
            evidence: { sql: 'select count(*) from current_commits' },
          },
        ],
        findings: [{ rule: 'demo', severity: 'low' as const, subject: '', title: 'a finding' }],
      };
    },
    { metrics: ['commits'], rules: ['demo'] },
  );
  const broken = fakeAnalysis('broken', async () => Promise.reject(new Error('boom')));
  const after = fakeAnalysis('after-broken', async () => ({ metrics: [], findings: [] }), {
    after: ['broken'],
  });
  const dir = buildRepo(tempDir(), HISTORY);
  const store = await openStore(freshStoreTarget('sqlite'));
  const [o] = await scan(store, [dir], { plugins: givenPlugins({ analyses: [broken, counting, after] }) });
  expect(o?.status).toBe('ok');
  expect(o?.diagnostics.map((d) => [d.collector, d.code])).toEqual([
    ['broken', 'analysis-failed'],
    ['after-broken', 'analysis-skipped'],
  ]);
  const m = await store.readOnlyQuery(
    "select metric, value, evidence from current_metrics where analysis = 'commit-count'",
  );
  expect(m.rows).toEqual([['commits', 3, JSON.stringify({ sql: 'select count(*) from current_commits' })]]);
  const f = await store.readOnlyQuery('select rule, severity from current_findings');
  expect(f.rows).toEqual([['demo', 'low']]);
  // An unchanged rescan does not run analyses again.
  await scan(store, [dir], { plugins: givenPlugins({ analyses: [counting] }) });
  expect(seen).toHaveLength(1);
  await store.close();
});

test('a repository scanned later with a name already in the store gets its parent folder in its name', async () => {
  const root = tempDir();
  const a = buildRepo(join(root, 'one', 'repo'), HISTORY);
  const b = buildRepo(join(root, 'two', 'repo'), HISTORY);
  const store = await openStore(freshStoreTarget('sqlite'));
  await scan(store, [a]);
  const [second] = await scan(store, [b]);
  expect(second).toMatchObject({ status: 'ok', name: 'two/repo' });
  const names = await store.readOnlyQuery('select name from repositories order by id');
  expect(names.rows.map((r) => r[0])).toEqual(['repo', 'two/repo']);
  await store.close();
});

test('analyses of one snapshot share a load by key: it runs once, and not across snapshots', async () => {
  let loads = 0;
  const reader = (id: string) =>
    fakeAnalysis(id, async (ctx) => {
      const n = await ctx.shared('count', async () => ++loads);
      return {
        metrics: [{ metric: 'seen', scope: 'repository' as const, subject: '', value: n }],
        findings: [],
      };
    });
  const dir = buildRepo(tempDir(), HISTORY);
  const store = await openStore(freshStoreTarget('sqlite'));
  await scan(store, [dir], { plugins: givenPlugins({ analyses: [reader('a'), reader('b')] }) });
  expect(loads).toBe(1);
  addCommits(dir, [{ files: { 'n.txt': 'n\n' } }]);
  await scan(store, [dir], { plugins: givenPlugins({ analyses: [reader('a'), reader('b')] }) });
  expect(loads).toBe(2);
  const seen = await store.readOnlyQuery(
    "select analysis, value from current_metrics where metric = 'seen' order by 1",
  );
  expect(seen.rows).toEqual([
    ['a', 2],
    ['b', 2],
  ]);
  await store.close();
});

test('an analysis that returns rows for a table it does not declare fails, and nothing of it is stored', async () => {
  const row = { snapshot_id: 0, path_a: 'a', path_b: 'b', shared: 1, commits_a: 1, commits_b: 1, degree: 1 };
  const sneaky = fakeAnalysis(
    'sneaky',
    async () => ({
      metrics: [{ metric: 'sneaky-count', scope: 'repository' as const, subject: '', value: 1 }],
      findings: [],
      tables: { coupling: [row] },
    }),
    { writes: ['hotspots'], metrics: ['sneaky-count'] },
  );
  const dir = buildRepo(tempDir(), HISTORY);
  const store = await openStore(freshStoreTarget('sqlite'));
  const [o] = await scan(store, [dir], { plugins: givenPlugins({ analyses: [sneaky] }) });
  expect(o?.status).toBe('ok');
  expect(o?.diagnostics).toEqual([
    expect.objectContaining({
      collector: 'sneaky',
      code: 'analysis-failed',
      message: 'returned rows for table coupling, which it does not declare in writes',
    }),
  ]);
  expect((await store.readOnlyQuery('select count(*) from metrics')).rows).toEqual([[0]]);
  expect((await store.readOnlyQuery('select count(*) from coupling')).rows).toEqual([[0]]);
  await store.close();
});
