// Repositories that point elsewhere: each way a folder can read another repository's objects is
// recorded on the snapshot and named by a diagnostic.
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  ADA,
  buildRepo,
  type CommitSpec,
  cleanupTemp,
  git,
  tempDir,
} from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { unquoteC } from '../git/refs.ts';
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
  { author: ADA, files: { 'README.md': '# origin\n' } },
  { author: ADA, files: { 'src/a.ts': 'a\n' } },
];

async function scan(store: Store, paths: string[]): Promise<RepoOutcome[]> {
  const r = await runScan(store, {
    paths,
    depth: 4,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins({}),
    workspace: { dir: '.', config: {} },
  });
  return r.repositories;
}

/** The discover diagnostics and recorded location of the repository's current snapshot. */
async function current(store: Store, name: string) {
  const snap = await store.db
    .selectFrom('repositories as r')
    .innerJoin('snapshots as s', 's.id', 'r.current_snapshot_id')
    .select(['s.id', 's.scanned_path', 's.git_dir', 's.common_dir', 's.alternates'])
    .where('r.name', '=', name)
    .executeTakeFirstOrThrow();
  const diags = await store.db
    .selectFrom('diagnostics')
    .select(['code', 'severity', 'message'])
    .where('snapshot_id', '=', snap.id)
    .where('collector', '=', 'discover')
    .orderBy('code')
    .execute();
  return { snap, codes: diags.map((d) => d.code), diags };
}

/** A repository elsewhere on disk whose objects a scanned folder may end up reading. */
function origin(): string {
  return realpathSync(buildRepo(join(tempDir(), 'origin'), HISTORY));
}

describe.each(ENGINES)('repositories that point elsewhere, on %s', (engine: Engine) => {
  test('an ordinary repository records its own git directory and has no discover diagnostic', async () => {
    const dir = origin();
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, [dir]);
    const { snap, codes } = await current(store, 'origin');
    expect(snap).toMatchObject({
      scanned_path: dir,
      git_dir: join(dir, '.git'),
      common_dir: join(dir, '.git'),
      alternates: null,
    });
    expect(codes).toEqual([]);
    await store.close();
  });

  test('a .git file pointing to another repository is named, with the real git directory', async () => {
    const elsewhere = origin();
    const folder = join(realpathSync(tempDir()), 'looks-innocent');
    mkdirSync(folder);
    writeFileSync(join(folder, '.git'), `gitdir: ${join(elsewhere, '.git')}\n`);
    const store = await openStore(freshStoreTarget(engine));
    const [o] = await scan(store, [folder]);
    expect(o).toMatchObject({ status: 'ok', name: 'looks-innocent', commits: 2 });
    const { snap, codes, diags } = await current(store, 'looks-innocent');
    expect(snap).toMatchObject({ scanned_path: folder, git_dir: join(elsewhere, '.git') });
    expect(codes).toEqual(['git-dir-outside']);
    expect(diags[0]?.message).toContain(join(elsewhere, '.git'));
    await store.close();
  });

  test('a symbolic link .git is named', async () => {
    const elsewhere = origin();
    const folder = join(realpathSync(tempDir()), 'linked-dot-git');
    mkdirSync(folder);
    symlinkSync(join(elsewhere, '.git'), join(folder, '.git'));
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, [folder]);
    const { snap, codes, diags } = await current(store, 'linked-dot-git');
    expect(snap.git_dir).toBe(join(elsewhere, '.git'));
    expect(codes).toEqual(['git-dir-symlink']);
    expect(diags[0]?.message).toMatch(/outside the scanned folder/);
    await store.close();
  });

  test('a linked worktree records its own git directory and the common one, and is named', async () => {
    const main = origin();
    git(main, ['checkout', '-q', '-f', 'main']);
    const linked = join(realpathSync(tempDir()), 'feature');
    git(main, ['worktree', 'add', '-q', '-b', 'feature', linked, 'main']);
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, [linked]);
    const { snap, codes, diags } = await current(store, 'feature');
    expect(snap).toMatchObject({
      scanned_path: linked,
      git_dir: join(main, '.git', 'worktrees', 'feature'),
      common_dir: join(main, '.git'),
    });
    expect(codes).toEqual(['git-dir-outside']);
    expect(diags[0]?.message).toMatch(/linked worktree/);
    await store.close();
  });

  test('objects borrowed through objects/info/alternates are recorded and named', async () => {
    const lender = origin();
    const borrower = join(realpathSync(tempDir()), 'borrower');
    git(tempDir(), ['clone', '-q', '--shared', lender, borrower]);
    const store = await openStore(freshStoreTarget(engine));
    const [o] = await scan(store, [borrower]);
    expect(o).toMatchObject({ status: 'ok', commits: 2 });
    const { snap, codes, diags } = await current(store, 'borrower');
    expect(JSON.parse(snap.alternates ?? '[]')).toEqual([join(lender, '.git', 'objects')]);
    expect(codes).toEqual(['alternates-outside']);
    expect(diags[0]?.message).toContain(join(lender, '.git', 'objects'));
    await store.close();
  });

  test('two paths to one git directory in one scan: one repository, and a diagnostic naming the other path', async () => {
    const elsewhere = origin();
    const folder = join(realpathSync(tempDir()), 'pointer');
    mkdirSync(folder);
    writeFileSync(join(folder, '.git'), `gitdir: ${join(elsewhere, '.git')}\n`);
    const store = await openStore(freshStoreTarget(engine));
    const outcomes = await scan(store, [elsewhere, folder, join(elsewhere, '.git')]);
    expect(outcomes.map((o) => o.name)).toEqual(['origin']);
    const { codes, diags } = await current(store, 'origin');
    expect(codes).toEqual(['same-repository']);
    expect(diags[0]).toMatchObject({ severity: 'info' });
    expect(diags[0]?.message).toContain(folder);
    expect(diags[0]?.message).not.toContain(`${elsewhere}/.git,`);
    await store.close();
  });

  test('a git directory scanned before from another folder keeps its name and says so', async () => {
    const main = origin();
    git(main, ['checkout', '-q', '-f', 'main']);
    const linked = join(realpathSync(tempDir()), 'hotfix');
    git(main, ['worktree', 'add', '-q', '-b', 'hotfix', linked, 'main']);
    git(linked, ['commit', '-q', '--allow-empty', '-m', 'hotfix work']);
    const store = await openStore(freshStoreTarget(engine));
    await scan(store, [main]);
    const [o] = await scan(store, [linked]);
    expect(o).toMatchObject({ status: 'ok', name: 'origin', commits: 3 });
    const repos = await store.db.selectFrom('repositories').select('name').execute();
    expect(repos).toEqual([{ name: 'origin' }]);
    const { snap, codes, diags } = await current(store, 'origin');
    expect(snap.scanned_path).toBe(linked);
    expect(codes).toEqual(['git-dir-outside', 'same-repository']);
    expect(diags[1]?.message).toContain(`stored as "origin"`);
    await store.close();
  });
});

test('a commondir file inside .git sends git to another repository: named', async () => {
  const elsewhere = origin();
  const folder = join(realpathSync(tempDir()), 'borrowed-refs');
  mkdirSync(join(folder, '.git'), { recursive: true });
  writeFileSync(join(folder, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(folder, '.git', 'commondir'), `${join(elsewhere, '.git')}\n`);
  const store = await openStore(freshStoreTarget('sqlite'));
  const [o] = await scan(store, [folder]);
  expect(o).toMatchObject({ status: 'ok', commits: 2 });
  const { snap, codes, diags } = await current(store, 'borrowed-refs');
  expect(snap).toMatchObject({ git_dir: join(folder, '.git'), common_dir: join(elsewhere, '.git') });
  expect(codes).toEqual(['git-dir-outside']);
  expect(diags[0]?.message).toMatch(/commondir/);
  await store.close();
});

test('git C-quoted paths are unquoted byte for byte', () => {
  expect(unquoteC('/plain/path')).toBe('/plain/path');
  expect(unquoteC('"/a\\tb/\\"q\\"/\\\\x"')).toBe('/a\tb/"q"/\\x');
  expect(unquoteC('"/caf\\303\\251"')).toBe('/café');
});
