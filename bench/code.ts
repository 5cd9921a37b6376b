// `node bench/code.ts [--synthetic] [<bare repository>...]`: the code analyses measured (not a test).
// For each repository: scanned once with `cto scan` into a workspace under /tmp, then line counting
// through the languages analysis (from git objects) against `cloc --vcs=git --timeout 0` on the same
// files (the commit's tree written out with read-tree + checkout-index), as a time ratio, plus
// agreement from the stored facts: main language and total code over the files both tools count.
// --synthetic: hotspots and coupling over the 100,000-commit synthetic repository, time and peak RSS,
// each analysis in its own process.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { measureFiles } from '../src/analyses/languages/measure.ts';
import { ANALYSES } from '../src/analyses/registry.ts';
import { referenceDay, referenceTs } from '../src/reference-date.ts';
import { runAnalyses } from '../src/scan/analyse.ts';
import { codeFilesOf, regularFiles } from '../src/store/code.ts';
import { segmentsOf } from '../src/store/snapshots.ts';
import { openStore, type Store } from '../src/store/store.ts';
import { syntheticRepository } from './synthetic.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CTO = join(ROOT, 'bin/cto.js');
const WORK = '/tmp/cto-bench-code';

function scanned(repo: string, name: string, extra: string[] = []): string {
  const ws = join(WORK, name);
  if (!existsSync(join(ws, '.cto/cto.db'))) {
    mkdirSync(ws, { recursive: true });
    execFileSync(process.execPath, [CTO, 'scan', repo, '--workspace', ws, ...extra], { stdio: 'inherit' });
  }
  return join(ws, '.cto/cto.db');
}

async function current(store: Store) {
  return store.db.selectFrom('snapshots').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

/** The commit's tree as plain files in a fresh git index, so `cloc --vcs=git` sees exactly those files. */
function writeTree(gitDir: string, commit: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_INDEX_FILE: join(dir, '..', `${basename(dir)}.index`) };
  execFileSync('git', ['--git-dir', gitDir, 'read-tree', commit], { env });
  execFileSync('git', ['--git-dir', gitDir, '--work-tree', dir, 'checkout-index', '-a', '-f'], { env });
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '-f', '-A'], { cwd: dir });
}

interface ClocFile {
  code: number;
  language: string;
}

function cloc(dir: string): { ms: number; files: Map<string, ClocFile> } {
  const t = performance.now();
  const out = execFileSync('cloc', ['--vcs=git', '--timeout', '0', '--by-file', '--json', '--quiet'], {
    cwd: dir,
    maxBuffer: 1 << 29,
  });
  const ms = performance.now() - t;
  const files = new Map<string, ClocFile>();
  for (const [p, v] of Object.entries(JSON.parse(out.toString('utf8')) as Record<string, ClocFile>))
    if (p !== 'header' && p !== 'SUM') files.set(p.replace(/^\.\//, ''), v);
  return { ms, files };
}

const pct = (a: number, b: number) => (b === 0 ? '-' : `${(((a - b) / b) * 100).toFixed(2)}%`);

async function benchRepository(repo: string): Promise<string[]> {
  const name = basename(repo) === 'repo' ? basename(dirname(repo)) : basename(repo);
  const store = await openStore(scanned(repo, name));
  try {
    const snap = await current(store);
    const files = await regularFiles(store, snap.id);
    const t = performance.now();
    await measureFiles(repo, files, []);
    const ours = performance.now() - t;
    const stored = await codeFilesOf(store, snap.id);
    const dir = join(WORK, `${name}-tree`);
    writeTree(repo, snap.commit_sha, dir);
    const theirs = cloc(dir);
    const byLang = new Map<string, number>();
    for (const f of stored)
      if (f.detectable && f.language) byLang.set(f.language, (byLang.get(f.language) ?? 0) + f.code);
    const main = [...byLang].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '-';
    let [mainOurs, mainCloc, totalOurs, totalCloc, both] = [0, 0, 0, 0, 0];
    for (const f of stored) {
      const c = theirs.files.get(f.path);
      if (!c || f.language === null) continue;
      both++;
      totalOurs += f.code;
      totalCloc += c.code;
      if (f.language === main) {
        mainOurs += f.code;
        mainCloc += c.code;
      }
    }
    return [
      name,
      main,
      `${mainOurs}`,
      `${mainCloc}`,
      pct(mainOurs, mainCloc),
      `${totalOurs}`,
      `${totalCloc}`,
      pct(totalOurs, totalCloc),
      `${both}/${stored.length}`,
      `${(ours / 1000).toFixed(2)} s`,
      `${(theirs.ms / 1000).toFixed(2)} s`,
      `${(theirs.ms / ours).toFixed(1)}x`,
    ];
  } finally {
    await store.close();
  }
}

/** Child process: run one analysis on the newest snapshot, store its result, print time and peak RSS. */
async function runOne(id: string, db: string, gitDir: string): Promise<void> {
  const store = await openStore(db);
  const snap = await current(store);
  const analysis = ANALYSES.find((a) => a.id === id);
  if (!analysis) throw new Error(`no analysis ${id}`);
  const table = { languages: 'code_files', hotspots: 'hotspots', coupling: 'coupling' }[id] as 'code_files';
  await store.db.deleteFrom(table).where('snapshot_id', '=', snap.id).execute();
  const before = process.resourceUsage().maxRSS;
  const t = performance.now();
  const diagnostics = await runAnalyses([analysis], {
    store,
    snapshotId: snap.id,
    repositoryId: snap.repository_id,
    repositoryName: 'synthetic',
    gitDir,
    commit: snap.commit_sha,
    segments: await segmentsOf(store, snap.id),
    previousSnapshotId: null,
    config: {},
    workspaceDir: WORK,
    referenceDay: referenceDay(),
    referenceTs: referenceTs(referenceDay()),
  });
  const ms = performance.now() - t;
  const rows = await store.db
    .selectFrom(table)
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('snapshot_id', '=', snap.id)
    .executeTakeFirstOrThrow();
  console.log(
    `| ${id} | ${(ms / 1000).toFixed(2)} s | ${Math.round(before / 1024)} MB | ${Math.round(process.resourceUsage().maxRSS / 1024)} MB | ${rows.n} | ${diagnostics.length} |`,
  );
  await store.close();
}

async function benchSynthetic(): Promise<void> {
  const repo = await syntheticRepository(resolve(ROOT, '.cto/bench'), {
    commits: 100_000,
    files: 5_000,
    authors: 60,
  });
  const db = scanned(repo, 'synthetic', ['--no-analyses']);
  console.log(
    '| analysis | time | RSS before | peak RSS | rows | diagnostics |\n| --- | --- | --- | --- | --- | --- |',
  );
  for (const id of ['languages', 'hotspots', 'coupling'])
    execFileSync(process.execPath, [import.meta.filename, '--analysis', id, db, repo], { stdio: 'inherit' });
}

const args = process.argv.slice(2);
if (args[0] === '--analysis') await runOne(args[1] as string, args[2] as string, args[3] as string);
else if (args[0] === '--synthetic') await benchSynthetic();
else {
  const repos = args.length > 0 ? args.map((a) => resolve(a)) : ['/work/.mirror/git+git/repo'];
  console.log(
    '| repo | main language | main ours | main cloc | diff | total ours | total cloc | diff | files (both/ours) | cto | cloc | ratio |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of repos) console.log(`| ${(await benchRepository(r)).join(' | ')} |`);
}
