// A rescan of an unchanged repository decides `unchanged` with as few git processes as it can: none
// for a plain repository (its HEAD is read from its files, src/scan/unchanged.ts); for a layout left
// to git, the size of the objects and the borrowed object directories come from one `git
// count-objects`, not two. Git processes are counted by a `git` first on PATH that
// notes its arguments and runs the real git.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADA, buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { openStore, type Store } from '../store/store.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';

const bin = tempDir();
const log = join(bin, 'calls');
const originalPath = process.env.PATH;

beforeAll(() => {
  const realGit = join(
    (originalPath ?? '/usr/bin').split(':').find((d) => {
      try {
        readFileSync(join(d, 'git'));
        return true;
      } catch {
        return false;
      }
    }) ?? '/usr/bin',
    'git',
  );
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  process.env.PATH = `${bin}:${originalPath ?? '/usr/bin:/bin'}`;
});

afterAll(() => {
  process.env.PATH = originalPath;
  cleanupTemp();
});

const calls = (): string[] => {
  try {
    return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

/** Rows of every table a scan writes, to show a no-op wrote none. */
async function rowCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['repositories', 'snapshots', 'snapshot_plugins', 'scan_locks', 'diagnostics'] as const)
    out[table] = (
      await store.db.selectFrom(table).select(store.db.fn.countAll().as('n')).executeTakeFirstOrThrow()
    ).n as number;
  return out;
}

test('a no-op rescan of a plain repository starts no git process and writes nothing', async () => {
  const repo = buildRepo(join(tempDir(), 'r'), [{ author: ADA, files: { 'README.md': '# r\n' } }]);
  const store = await openStore(join(tempDir(), 'cto.db'));
  const scan = () => runScan(store, { ...OPTIONS, paths: [repo] });
  try {
    expect((await scan()).repositories.map((r) => r.status)).toEqual(['ok']);
    const before = await rowCounts(store);
    const snapshot = await store.db.selectFrom('snapshots').selectAll().executeTakeFirstOrThrow();
    writeFileSync(log, '');
    const again = await scan();
    expect(again.repositories).toMatchObject([
      { status: 'unchanged', snapshotId: snapshot.id, commit: snapshot.commit_sha, ref: 'refs/heads/main' },
    ]);
    expect(calls()).toEqual([]);
    expect(await rowCounts(store)).toEqual(before);
    expect(await store.db.selectFrom('snapshots').selectAll().executeTakeFirstOrThrow()).toEqual(snapshot);
  } finally {
    await store.close();
  }
});

test('a no-op rescan of a linked worktree asks git, runs count-objects once and writes nothing', async () => {
  const main = buildRepo(join(tempDir(), 'main'), [{ author: ADA, files: { 'README.md': '# r\n' } }]);
  const linked = join(tempDir(), 'linked');
  git(main, ['worktree', 'add', '-q', '--detach', linked, 'main']);
  const store = await openStore(join(tempDir(), 'cto.db'));
  const scan = () => runScan(store, { ...OPTIONS, paths: [linked] });
  try {
    expect((await scan()).repositories.map((r) => r.status)).toEqual(['ok']);
    const before = await rowCounts(store);
    writeFileSync(log, '');
    const again = await scan();
    expect(again.repositories.map((r) => r.status)).toEqual(['unchanged']);
    expect(calls().filter((c) => c.split(' ').includes('count-objects'))).toHaveLength(1);
    expect(await rowCounts(store)).toEqual(before);
  } finally {
    await store.close();
  }
});

const OPTIONS = {
  depth: 1,
  jobs: 1,
  maxFileSize: 1 << 20,
  plugins: givenPlugins({}),
  workspace: { dir: '.', config: {} },
};
