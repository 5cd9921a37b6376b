// History ingestion: cold `cto scan` into SQLite against `git log --numstat` over the same
// repository, in one run. Prints times, their ratio, cto's peak RSS and a no-op rescan time.
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
  gitLogMs: number;
  scanMs: number;
  ratio: number;
  peakRssMb: number;
  noopMs: number;
}

/** One measured run over `gitDir` (a bare repository or `.git`). */
export async function benchHistory(gitDir: string): Promise<HistoryBench> {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  // Warm the page cache so neither side pays for the first read of the pack.
  await timed('git', ['--git-dir', gitDir, 'rev-list', '--count', 'HEAD'], env);
  const gitLog = await timed('git', ['--git-dir', gitDir, 'log', '--numstat', 'HEAD'], env);
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
      scanMs: scan.ms,
      ratio: scan.ms / gitLog.ms,
      peakRssMb: peak / 1024 / 1024,
      noopMs: noop.ms,
    };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

export function printHistory(b: HistoryBench): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`history ingestion: ${b.repository}`);
  console.log(`  git log --numstat     ${s(b.gitLogMs)}`);
  console.log(`  cto scan (cold)       ${s(b.scanMs)}`);
  console.log(`  ratio                 ${b.ratio.toFixed(2)}  (target <= 1.5)`);
  console.log(`  cto peak RSS          ${b.peakRssMb.toFixed(0)} MB  (target <= 400 MB)`);
  console.log(`  no-op rescan          ${s(b.noopMs)}  (target < 0.5 s)`);
}
