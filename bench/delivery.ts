// Delivery analysis: time and memory of `deliveryAnalysis.run` on a stored snapshot, against
// `git rev-list --parents --tags HEAD` (reading the same commit graph) in the same run.
//   node bench/delivery.ts                # the 100,000-commit synthetic repository, with tags added to a copy
//   node bench/delivery.ts <repo>...      # real repositories (work trees or bare)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deliveryAnalysis } from '../src/analyses/delivery/analysis.ts';
import { referenceDay, referenceTs } from '../src/reference-date.ts';
import { openStore } from '../src/store/store.ts';
import { timed } from './history.ts';
import { syntheticRepository } from './synthetic.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (dir: string, args: string[], input?: string) =>
  execFileSync('git', ['--git-dir', dir, ...args], { env: ENV, input, maxBuffer: 1 << 30 }).toString();

/** A copy of the synthetic repository with a release every 400 commits and a patch release after some. */
async function taggedSynthetic(): Promise<string> {
  const base = await syntheticRepository(join(ROOT, '.cto/bench'), {
    commits: 100_000,
    files: 5_000,
    authors: 400,
  });
  const copy = `${base.replace(/\.git$/, '')}-tagged.git`;
  if (existsSync(join(copy, 'cto-tagged'))) return copy;
  rmSync(copy, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '--bare', base, copy], { env: ENV });
  const shas = git(copy, ['rev-list', '--reverse', 'HEAD']).trim().split('\n');
  const refs: string[] = [];
  for (let i = 399, n = 0; i < shas.length; i += 400, n++) {
    refs.push(`create refs/tags/v${Math.floor(n / 20)}.${n % 20}.0 ${shas[i]}`);
    if (n % 5 === 0 && shas[i + 30])
      refs.push(`create refs/tags/v${Math.floor(n / 20)}.${n % 20}.1 ${shas[i + 30]}`);
    if (n % 7 === 0) refs.push(`create refs/tags/build-${n} ${shas[i]}`);
  }
  git(copy, ['update-ref', '--stdin'], `${refs.join('\n')}\n`);
  execFileSync('touch', [join(copy, 'cto-tagged')]);
  return copy;
}

async function benchOne(repo: string): Promise<void> {
  const ws = mkdtempSync(join(tmpdir(), 'cto-bench-delivery-'));
  try {
    const scan = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/cto.js'), 'scan', repo, '--workspace', ws, '--no-analyses'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (scan.status !== 0) throw new Error(`cto scan exited ${scan.status}`);
    const store = await openStore(join(ws, '.cto/cto.db'));
    try {
      const snap = await store.db.selectFrom('snapshots').selectAll().executeTakeFirstOrThrow();
      const segments = (
        await store.db
          .selectFrom('snapshot_segments')
          .select('segment_id')
          .where('snapshot_id', '=', snap.id)
          .execute()
      ).map((s) => s.segment_id);
      const gitDir = git(repo, ['rev-parse', '--absolute-git-dir']).trim();
      const ref = await timed('git', ['--git-dir', gitDir, 'rev-list', '--parents', '--tags', 'HEAD'], ENV);
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const start = process.hrtime.bigint();
      const result = await deliveryAnalysis.run({
        store,
        snapshotId: snap.id,
        repositoryId: snap.repository_id,
        repositoryName: 'bench',
        gitDir,
        commit: snap.commit_sha,
        segments,
        previousSnapshotId: null,
        config: {},
        workspaceDir: ws,
        referenceDay: referenceDay(),
        referenceTs: referenceTs(referenceDay()),
        shared: (_key, load) => load(),
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const m = new Map(result.metrics.map((x) => [x.metric, x.value]));
      console.log(`delivery analysis: ${repo}`);
      console.log(
        `  commits ${snap.commits_count}, releases ${m.get('releases')}, pre-releases ${m.get('pre-releases')}, ignored tags ${m.get('ignored-tags')}`,
      );
      console.log(`  git rev-list --parents --tags HEAD  ${(ref.ms / 1000).toFixed(2)} s`);
      console.log(
        `  delivery analysis (read + compute)  ${(ms / 1000).toFixed(2)} s  ratio ${(ms / ref.ms).toFixed(2)}`,
      );
      console.log(
        `  RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - rssBefore) / 2 ** 20).toFixed(0)} MB)`,
      );
    } finally {
      await store.close();
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

const repos = process.argv.slice(2);
for (const repo of repos.length > 0 ? repos : [await taggedSynthetic()]) await benchOne(repo);
