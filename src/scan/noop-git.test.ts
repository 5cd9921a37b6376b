// A rescan of an unchanged repository decides `unchanged` with few git processes: the size of the
// objects (for the budget) and the borrowed object directories (for the snapshot's identity) come
// from one `git count-objects`, not two. Git processes are counted by a `git` first on PATH that
// notes its arguments and runs the real git.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { openStore } from '../store/store.ts';
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

test('a no-op rescan runs git count-objects once and writes nothing', async () => {
  const repo = buildRepo(join(tempDir(), 'r'), [{ author: ADA, files: { 'README.md': '# r\n' } }]);
  const store = await openStore(join(tempDir(), 'cto.db'));
  const scan = () =>
    runScan(store, {
      paths: [repo],
      depth: 1,
      jobs: 1,
      maxFileSize: 1 << 20,
      plugins: givenPlugins({}),
      workspace: { dir: '.', config: {} },
    });
  try {
    expect((await scan()).repositories.map((r) => r.status)).toEqual(['ok']);
    writeFileSync(log, '');
    const again = await scan();
    expect(again.repositories.map((r) => r.status)).toEqual(['unchanged']);
    expect(calls().filter((c) => c.split(' ').includes('count-objects'))).toHaveLength(1);
    const snapshots = await store.db.selectFrom('snapshots').select('id').execute();
    expect(snapshots).toHaveLength(1);
  } finally {
    await store.close();
  }
});
