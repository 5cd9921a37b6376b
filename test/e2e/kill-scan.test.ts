// `kill -9` at any moment of a scan leaves the previous snapshot current, complete and readable.
import { afterAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/store/migrations/index.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { cto, ctoKilledAfter } from '../helpers/cli.ts';
import {
  ADA,
  addCommits,
  BOB,
  buildRepo,
  type CommitSpec,
  cleanupTemp,
  git,
  tempDir,
} from '../helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../helpers/stores.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

function history(n: number, offset = 0): CommitSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    author: i % 3 ? ADA : BOB,
    date: new Date(Date.UTC(2020, 0, 1) + (offset + i) * 3_600_000).toISOString(),
    files: {
      [`src/f${(offset + i) % 400}.ts`]: `v${offset + i}\n`.repeat(1 + (i % 7)),
      [`docs/d${i % 50}.md`]: `${i}\n`,
    },
  }));
}

/** The current snapshot's stored contents agree with its own counts, and the database is sound. */
async function checkConsistent(store: Store, engine: Engine): Promise<{ commit: string; commits: number }> {
  if (engine === 'sqlite') {
    const ok = await store.readOnlyQuery('pragma integrity_check');
    expect(ok.rows[0]?.[0]).toBe('ok');
  }
  const snap = await store.readOnlyQuery(
    'select commit_sha, commits_count, files_count, status from current_snapshots',
  );
  expect(snap.rows).toHaveLength(1);
  const [commit, commits, files, status] = snap.rows[0] as [string, number, number, string];
  expect(status).toBe('ok');
  const c = await store.readOnlyQuery('select count(*), count(distinct sha) from current_commits');
  expect(Number(c.rows[0]?.[0])).toBe(Number(commits));
  expect(Number(c.rows[0]?.[1])).toBe(Number(commits));
  const f = await store.readOnlyQuery('select count(*) from current_files');
  expect(Number(f.rows[0]?.[0])).toBe(Number(files));
  return { commit, commits: Number(commits) };
}

describe.each(ENGINES)('kill -9 during a scan on %s', (engine) => {
  test('the previous snapshot stays current and complete at every kill point', async () => {
    const dir = buildRepo(tempDir(), history(1500));
    const ws = tempDir();
    const db = freshStoreTarget(engine);
    const args = ['scan', dir, '--workspace', ws, '--db', db, '--json'];
    expect(cto(args).code).toBe(0);
    const firstHead = git(dir, ['rev-parse', 'HEAD']).trim();
    // Rewrite history so the next scan is a long full read, then kill it at spread-out moments.
    git(dir, ['update-ref', 'refs/heads/main', 'HEAD~5']);
    addCommits(dir, history(1500, 5000));
    const t0 = Date.now();
    const full = await ctoKilledAfter(
      ['scan', dir, '--workspace', tempDir(), '--db', freshStoreTarget(engine)],
      60_000,
    );
    const duration = Date.now() - t0;
    expect(full.code).toBe(0);
    let interrupted = 0;
    let leftPartialRows = 0;
    for (let k = 1; k <= 8; k++) {
      const at = Math.round((duration * k) / 9 + ((k * 37) % 50));
      const r = await ctoKilledAfter(args, at);
      const store = await openStore(db);
      try {
        const current = await checkConsistent(store, engine);
        // Killed before the finish: still the first snapshot. Killed after it (or not at all): the new one.
        expect([firstHead, git(dir, ['rev-parse', 'HEAD']).trim()]).toContain(current.commit);
        if (r.killed && current.commit === firstHead) {
          interrupted++;
          const partial = await store.readOnlyQuery(
            "select count(*) from commits where snapshot_id in (select id from snapshots where status = 'running')",
          );
          if (Number(partial.rows[0]?.[0]) > 0) leftPartialRows++;
        }
        if (!r.killed) expect(current.commit).not.toBe(firstHead);
      } finally {
        await store.close();
      }
    }
    // The kills did land in the middle of writing, not only before or after it.
    expect(interrupted).toBeGreaterThanOrEqual(3);
    expect(leftPartialRows).toBeGreaterThanOrEqual(1);
    // A scan that finishes afterwards cleans what the killed ones left and is correct.
    const done = cto(args);
    expect(done.code).toBe(0);
    const store = await openStore(db);
    try {
      const current = await checkConsistent(store, engine);
      expect(current.commits).toBe(Number(git(dir, ['rev-list', '--count', 'HEAD']).trim()));
      const running = await store.readOnlyQuery("select count(*) from snapshots where status = 'running'");
      expect(Number(running.rows[0]?.[0])).toBe(0);
      const orphans = await store.readOnlyQuery(
        "select count(*) from commits where snapshot_id in (select id from snapshots where status in ('abandoned', 'failed'))",
      );
      expect(Number(orphans.rows[0]?.[0])).toBe(0);
    } finally {
      await store.close();
    }
    // Ten scans of a 3,000-commit history: on a loaded machine that is minutes; no wall time is asserted.
  }, 600_000);
});
