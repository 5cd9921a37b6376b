// The no-op fast path on both engines: of a fleet scanned once, only the repositories with nothing new
// are decided `unchanged` at once (same outcome as the full pipeline's), and every other case is left to
// the pipeline: a new commit, another branch, a scan holding the lock, an analysis changed, --rev.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import {
  ADA,
  addCommits,
  BOB,
  buildRepo,
  cleanupTemp,
  git,
  tempDir,
} from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import type { Engine } from '../store/migrations/index.ts';
import { openStore } from '../store/store.ts';
import { discoverRepositories } from './discover.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';
import { unchangedOutcomes } from './unchanged.ts';

let root: string;
const NAMES = ['same', 'pushed', 'switched', 'locked', 'bare'];

beforeAll(() => {
  root = tempDir('cto-unchanged-');
  for (const name of NAMES)
    buildRepo(
      join(root, name === 'bare' ? 'bare.git' : name),
      [
        { author: ADA, files: { 'README.md': `# ${name}\n` } },
        { author: BOB, files: { 'src/a.ts': 'export {};\n' } },
      ],
      { bare: name === 'bare' },
    );
});

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

const analysis = (version: number) =>
  fakeAnalysis('counted', async () => ({ metrics: [], findings: [], diagnostics: [] }), { version });
const options = (version = 1) => ({
  depth: 2,
  jobs: 2,
  maxFileSize: 1 << 20,
  plugins: givenPlugins({ analyses: [analysis(version)] }),
  workspace: { dir: '.', config: {} },
});

describe.each(ENGINES)('the no-op fast path on %s', (engine: Engine) => {
  test('decides unchanged only for what the pipeline would find unchanged', async () => {
    const fleet = join(tempDir(), 'fleet');
    const store = await openStore(freshStoreTarget(engine));
    try {
      for (const n of NAMES) {
        const name = n === 'bare' ? 'bare.git' : n;
        git(root, ['clone', '-q', ...(n === 'bare' ? ['--bare'] : []), join(root, name), join(fleet, name)]);
      }
      const first = await runScan(store, { ...options(), paths: [fleet] });
      expect(first.repositories.map((r) => r.status)).toEqual(Array(NAMES.length).fill('ok'));

      const { repositories } = await discoverRepositories([fleet], { maxDepth: 2 });
      const all = await unchangedOutcomes(store, repositories, options());
      // Nothing new: every one, with the outcome the pipeline gives a no-op.
      const byName = new Map(first.repositories.map((r) => [r.name, r]));
      expect([...all.values()].map((o) => o.name).sort()).toEqual([...NAMES].sort());
      for (const o of all.values())
        expect(o).toMatchObject({
          status: 'unchanged',
          snapshotId: byName.get(o.name)?.snapshotId,
          commit: byName.get(o.name)?.commit,
          commits: 2,
          files: 2,
          error: null,
        });

      addCommits(join(fleet, 'pushed'), [{ author: ADA, files: { 'b.txt': 'b\n' } }]);
      git(join(fleet, 'switched'), ['checkout', '-q', '-b', 'older', 'HEAD~1']);
      const lock = await store.tryLock(repositories.find((r) => r.name === 'locked')?.info.commonDir ?? '');
      const some = await unchangedOutcomes(store, repositories, options());
      expect([...some.values()].map((o) => o.name).sort()).toEqual(['bare', 'same']);
      if (lock.acquired) await lock.release();

      // What the snapshots were made with changed, or another revision is asked: nothing is decided here.
      expect((await unchangedOutcomes(store, repositories, options(2))).size).toBe(0);
      expect((await unchangedOutcomes(store, repositories, { ...options(), rev: 'main' })).size).toBe(0);

      // The pipeline agrees, and writes a snapshot only for the two with something new.
      const again = await runScan(store, { ...options(), paths: [fleet] });
      const statuses = Object.fromEntries(again.repositories.map((r) => [r.name, r.status]));
      expect(statuses).toEqual({
        same: 'unchanged',
        bare: 'unchanged',
        locked: 'unchanged',
        pushed: 'ok',
        switched: 'ok',
      });
      const snapshots = await store.db.selectFrom('snapshots').select('id').execute();
      expect(snapshots).toHaveLength(NAMES.length + 2);
    } finally {
      await store.close();
    }
  });
});
