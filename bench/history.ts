// History ingestion (the facts stage): cold `cto scan --no-analyses` into SQLite against
// `git log --numstat --find-renames` (the reading the history stage does) and plain
// `git log --numstat` over the same repository, both measured just before in the same run. Prints
// times, the ratios (issue 16 wants the facts stage below 0.8 of `git log --numstat`), cto's peak RSS
// and a no-op rescan time. The repository is a working copy or a bare repository.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export interface Timed {
  ms: number;
  code: number;
}

export function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timed> {
  return new Promise((res, rej) => {
    const start = process.hrtime.bigint();
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('error', rej);
    p.on('close', (code) => res({ ms: Number(process.hrtime.bigint() - start) / 1e6, code: code ?? 1 }));
  });
}

export interface HistoryBench {
  repository: string;
  /** `git log --numstat --find-renames HEAD`, as the history stage reads it. */
  gitLogMs: number;
  /** `git log --numstat HEAD`. */
  gitLogPlainMs: number;
  scanMs: number;
  ratio: number;
  ratioPlain: number;
  peakRssMb: number;
  noopMs: number;
}

/** One measured run over `gitDir` (a working copy, a bare repository or `.git`). */
export async function benchHistory(gitDir: string): Promise<HistoryBench> {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  // Warm the page cache so neither side pays for the first read of the pack.
  await timed('git', ['-C', gitDir, 'rev-list', '--count', 'HEAD'], env);
  const gitLog = await timed('git', ['-C', gitDir, 'log', '--numstat', '--find-renames', 'HEAD'], env);
  const gitLogPlain = await timed('git', ['-C', gitDir, 'log', '--numstat', 'HEAD'], env);
  if (gitLog.code !== 0 || gitLogPlain.code !== 0) throw new Error(`git log failed in ${gitDir}`);
  const ws = mkdtempSync(join(tmpdir(), 'cto-bench-'));
  const rssFile = join(ws, 'rss');
  const cto = [
    '--import',
    join(ROOT, 'bench/rss-reporter.ts'),
    join(ROOT, 'bin/cto.js'),
    'scan',
    gitDir,
    '--workspace',
    ws,
    '--json',
    '--no-analyses', // the scan engine alone; analyses have their own benchmarks
  ];
  try {
    const scan = await timed(process.execPath, cto, { ...process.env, CTO_BENCH_RSS_FILE: rssFile });
    if (scan.code !== 0) throw new Error(`cto scan exited ${scan.code}`);
    const peak = Number(readFileSync(rssFile, 'utf8'));
    const noop = await timed(process.execPath, cto.slice(2), process.env);
    return {
      repository: gitDir,
      gitLogMs: gitLog.ms,
      gitLogPlainMs: gitLogPlain.ms,
      scanMs: scan.ms,
      ratio: scan.ms / gitLog.ms,
      ratioPlain: scan.ms / gitLogPlain.ms,
      peakRssMb: peak / 1024 / 1024,
      noopMs: noop.ms,
    };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

export function printHistory(b: HistoryBench): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`history ingestion (facts only, cto scan --no-analyses): ${b.repository}`);
  console.log('| measured | time | ratio cto / reference | target |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| reference: git log --numstat --find-renames | ${s(b.gitLogMs)} | ${b.ratio.toFixed(2)} | |`);
  console.log(
    `| reference: git log --numstat | ${s(b.gitLogPlainMs)} | ${b.ratioPlain.toFixed(2)} | < 0.8 (issue 16) |`,
  );
  console.log(`| cto scan --no-analyses (cold) | ${s(b.scanMs)} | | |`);
  console.log(`| cto peak RSS | ${b.peakRssMb.toFixed(0)} MB | | <= 400 MB |`);
  console.log(`| no-op rescan | ${s(b.noopMs)} | | < 0.5 s |`);
}
