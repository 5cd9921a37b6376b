// A big tree (not a test): a repository of 1,000,000 small files in three commits (big-tree-repo.ts),
// scanned in fresh workspaces with facts only (`cto scan --no-analyses`, the reference) and with every
// analysis, in the same run: time and peak RSS of each, and the time analyses add against the facts
// stage. With --stages, one more scan prints the seconds of each stage and analysis.
// Target: analyses add at most the time of the facts stage.
//   node bench/big-tree.ts [files] [--stages] [--cto path/to/bin/cto.js]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanupTemp, tempDir } from '../test/helpers/repo-builder.ts';
import { bigTreeRepository } from './big-tree-repo.ts';

const ROOT = resolve(import.meta.dirname, '..');

export interface Measured {
  seconds: number;
  peakRssMb: number;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** Flags the scan needs for a tree this big (a cap on tree entries, where the scan has one). */
export function bigTreeFlags(cto: string, files: number): string[] {
  const help = spawnSync(process.execPath, [cto, 'scan', '--help'], { encoding: 'utf8' }).stdout;
  return help.includes('--max-tree-entries') ? ['--max-tree-entries', String(files + 1000)] : [];
}

/** One `cto scan` of `repo` in a fresh workspace, timed, with the cto process's peak RSS. */
export function measuredScan(cto: string, repo: string, args: string[]): Promise<Measured> {
  const ws = tempDir('cto-bench-big-');
  const rssFile = join(ws, 'peak-rss');
  const argv = [
    '--import',
    join(ROOT, 'bench/rss-reporter.ts'),
    cto,
    'scan',
    repo,
    '-w',
    ws,
    '--json',
    ...args,
  ];
  return new Promise((res, rej) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, CTO_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', rej);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) return rej(new Error(`cto scan ${args.join(' ')} exited ${code}`));
      res({ seconds, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 / 1024 });
    });
  });
}

export function printComparison(title: string, facts: Measured, all: Measured): void {
  const s = (m: Measured) => `${m.seconds.toFixed(1)} s, peak RSS ${m.peakRssMb.toFixed(0)} MB`;
  const added = all.seconds - facts.seconds;
  console.log(title);
  console.log(`  cto scan --no-analyses (facts, reference)  ${s(facts)}`);
  console.log(`  cto scan (every analysis)                  ${s(all)}`);
  console.log(
    `  added by analyses ${added.toFixed(1)} s; ratio added/facts ${(added / facts.seconds).toFixed(2)} (target <= 1)`,
  );
}

if (import.meta.main) {
  const files = Number(process.argv[2]?.startsWith('--') ? 1_000_000 : (process.argv[2] ?? 1_000_000));
  const cto = resolve(option('--cto') ?? join(ROOT, 'bin/cto.js'));
  const started = Date.now();
  const repo = await bigTreeRepository(join(ROOT, '.cto', 'bench'), files);
  console.log(
    `big tree: ${files.toLocaleString('en')} files, ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${repo}`,
  );
  const flags = bigTreeFlags(cto, files);
  const facts = await measuredScan(cto, repo, ['--no-analyses', ...flags]);
  const all = await measuredScan(cto, repo, flags);
  printComparison(`cto scan of ${files.toLocaleString('en')} files (${cto})`, facts, all);
  if (process.argv.includes('--stages')) {
    const ws = tempDir('cto-bench-big-');
    const r = spawnSync(process.execPath, [join(ROOT, 'bench/scan-stages.ts'), repo, ws], {
      encoding: 'utf8',
    });
    const stages = JSON.parse(r.stdout) as { stages: Record<string, number> };
    console.log('  seconds per stage (one more scan):');
    for (const [stage, seconds] of Object.entries(stages.stages))
      console.log(`    ${stage.padEnd(24)} ${seconds.toFixed(1)}`);
  }
  cleanupTemp();
}
