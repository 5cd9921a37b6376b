// A rescan of a commit already scanned is a no-op unless what made its snapshot changed: a collector's
// version re-collects, an analysis's version or the office inputs it reads run it again (and the
// analyses that read its results); the others' results are kept. Each re-run writes a new snapshot.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import { ADA, BOB, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { knowledgeAnalysis } from '../analyses/knowledge/analysis.ts';
import type { Analysis } from '../analyses/types.ts';
import type { FileCollector } from '../collectors/types.ts';
import type { Engine } from '../store/migrations/index.ts';
import { openStore, type Store } from '../store/store.ts';
import { givenPlugins, type Plugins } from './plugins.ts';
import { runScan } from './run.ts';
import type { RepoOutcome } from './scan.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

async function scan(store: Store, dir: string, plugins: Partial<Plugins>, ws = '.'): Promise<RepoOutcome> {
  const r = await runScan(store, {
    paths: [dir],
    depth: 1,
    jobs: 1,
    maxFileSize: 1 << 20,
    plugins: givenPlugins(plugins),
    workspace: { dir: ws, config: {} },
  });
  const [o] = r.repositories;
  if (!o) throw new Error('no outcome');
  return o;
}

/** The previous snapshot each analysis was last given to reuse. */
const previousSeen = new Map<string, number | null>();

/**
 * An analysis that counts its runs, stores a metric and reports a diagnostic; `two` also owns the
 * coupling table and stores a row there.
 */
function counted(id: string, version: number, runs: Map<string, number>, after?: string[]): Analysis {
  const table = id === 'two';
  return fakeAnalysis(
    id,
    async (ctx) => {
      runs.set(id, (runs.get(id) ?? 0) + 1);
      previousSeen.set(id, ctx.previousSnapshotId);
      return {
        metrics: [{ metric: `${id}-runs`, scope: 'repository', subject: '', value: version }],
        findings: [],
        diagnostics: [{ path: '', collector: id, code: 'noted', message: 'noted', severity: 'info' }],
        tables: table
          ? {
              coupling: [
                {
                  snapshot_id: ctx.snapshotId,
                  path_a: id,
                  path_b: 'b',
                  shared: 1,
                  commits_a: 1,
                  commits_b: 1,
                  degree: version,
                },
              ],
            }
          : {},
      };
    },
    { version, writes: table ? ['coupling'] : [], metrics: [`${id}-runs`], ...(after ? { after } : {}) },
  );
}

/** A collector of `*.pkg` files whose output depends on its version. */
function pkgCollector(version: number): FileCollector {
  return {
    id: 'pkg',
    version,
    emits: ['dependencies'],
    files: ['*.pkg'],
    spec: 'https://example.com/pkg',
    matches: (path) => path.endsWith('.pkg'),
    collect: (files) => ({
      dependencies: files.map((f) => ({
        ecosystem: 'npm' as const,
        name: f.content.toString('utf8').trim(),
        version: `${version}.0.0`,
        direct: true,
        scope: 'prod' as const,
        manifestPath: f.path,
      })),
      diagnostics: [],
    }),
  };
}

async function rows(store: Store, query: string): Promise<unknown[][]> {
  return (await store.readOnlyQuery(query)).rows;
}

describe.each(ENGINES)('rescans of the same commit on %s', (engine: Engine) => {
  test('an analysis version bump runs it and its readers again, keeps the others, then is a no-op', async () => {
    const dir = buildRepo(tempDir(), [{ author: ADA, files: { 'a.txt': 'a\n' } }]);
    const store = await openStore(freshStoreTarget(engine));
    const runs = new Map<string, number>();
    const first = await scan(store, dir, {
      analyses: [counted('one', 1, runs), counted('two', 1, runs), counted('reader', 1, runs, ['one'])],
    });
    expect(first.status).toBe('ok');
    const again = await scan(store, dir, {
      analyses: [counted('one', 1, runs), counted('two', 1, runs), counted('reader', 1, runs, ['one'])],
    });
    expect(again).toMatchObject({ status: 'unchanged', snapshotId: first.snapshotId });
    const bumped = await scan(store, dir, {
      analyses: [counted('one', 2, runs), counted('two', 1, runs), counted('reader', 1, runs, ['one'])],
    });
    expect(bumped).toMatchObject({ status: 'ok', historyMode: 'incremental', newCommits: 0, commits: 1 });
    expect(bumped.snapshotId).not.toBe(first.snapshotId);
    expect(Object.fromEntries(runs)).toEqual({ one: 2, two: 1, reader: 2 });
    // Earlier work is offered for reuse only to an analysis whose same version made it.
    expect(previousSeen.get('one')).toBeNull();
    expect(previousSeen.get('reader')).toBe(first.snapshotId);
    // The new snapshot has every analysis's results: the kept one's copied, with its diagnostic.
    expect(await rows(store, 'select metric, value from current_metrics order by metric')).toEqual([
      ['one-runs', 2],
      ['reader-runs', 1],
      ['two-runs', 1],
    ]);
    expect(await rows(store, 'select path_a, degree from current_coupling')).toEqual([['two', 1]]);
    expect(bumped.diagnostics.map((d) => d.collector).sort()).toEqual(['one', 'reader', 'two']);
    expect(
      await rows(
        store,
        "select plugin, version from current_snapshot_plugins where kind = 'analysis' order by 1",
      ),
    ).toEqual([
      ['one', 2],
      ['reader', 1],
      ['two', 1],
    ]);
    // The first snapshot is untouched (snapshots are immutable).
    expect(await rows(store, `select count(*) from metrics where snapshot_id = ${first.snapshotId}`)).toEqual(
      [[3]],
    );
    const last = await scan(store, dir, {
      analyses: [counted('one', 2, runs), counted('two', 1, runs), counted('reader', 1, runs, ['one'])],
    });
    expect(last).toMatchObject({ status: 'unchanged', snapshotId: bumped.snapshotId });
    expect(Object.fromEntries(runs)).toEqual({ one: 2, two: 1, reader: 2 });
    await store.close();
  });

  test('a collector version bump re-collects and runs every analysis again', async () => {
    const dir = buildRepo(tempDir(), [{ author: ADA, files: { 'x.pkg': 'left\n' } }]);
    const store = await openStore(freshStoreTarget(engine));
    const runs = new Map<string, number>();
    const first = await scan(store, dir, {
      collectors: [pkgCollector(1)],
      analyses: [counted('one', 1, runs)],
    });
    expect(await rows(store, 'select name, version from current_dependencies')).toEqual([['left', '1.0.0']]);
    const same = await scan(store, dir, {
      collectors: [pkgCollector(1)],
      analyses: [counted('one', 1, runs)],
    });
    expect(same.status).toBe('unchanged');
    const bumped = await scan(store, dir, {
      collectors: [pkgCollector(2)],
      analyses: [counted('one', 1, runs)],
    });
    expect(bumped).toMatchObject({ status: 'ok', newCommits: 0 });
    expect(bumped.snapshotId).not.toBe(first.snapshotId);
    expect(await rows(store, 'select name, version from current_dependencies')).toEqual([['left', '2.0.0']]);
    expect(runs.get('one')).toBe(2);
    expect(
      (await scan(store, dir, { collectors: [pkgCollector(2)], analyses: [counted('one', 1, runs)] })).status,
    ).toBe('unchanged');
    await store.close();
  });

  test('editing teams.yaml refreshes ownership findings on the next scan; then nothing changes', async () => {
    const ws = tempDir();
    const dir = join(tempDir(), 'shop');
    buildRepo(dir, [
      { author: ADA, files: { 'api/a.ts': 'a\n', 'web/w.ts': 'w\n' } },
      { author: BOB, files: { 'api/a.ts': 'a\nb\n' } },
    ]);
    const store = await openStore(freshStoreTarget(engine));
    const findings = () =>
      rows(
        store,
        "select rule, subject, owner from current_findings where analysis = 'knowledge' order by 2, 1",
      );
    const first = await scan(store, dir, { analyses: [knowledgeAnalysis] }, ws);
    expect(first.status).toBe('ok');
    expect(await findings()).toContainEqual(['no-ownership-declared', '', null]);
    writeFileSync(
      join(ws, 'teams.yaml'),
      'teams:\n  - name: core\n    owns: [{ repository: shop, paths: [api/] }]\n',
    );
    const edited = await scan(store, dir, { analyses: [knowledgeAnalysis] }, ws);
    expect(edited).toMatchObject({ status: 'ok', newCommits: 0 });
    expect(edited.snapshotId).not.toBe(first.snapshotId);
    const after = await findings();
    expect(after).not.toContainEqual(['no-ownership-declared', '', null]);
    expect(after).toContainEqual(['unowned-folder', 'web', null]);
    const again = await scan(store, dir, { analyses: [knowledgeAnalysis] }, ws);
    expect(again).toMatchObject({ status: 'unchanged', snapshotId: edited.snapshotId });
    await store.close();
  });
});
