// `npm run bench -- --full <repo>...`: the first full scan (every collector and analysis) of the
// repositories into one fresh SQLite workspace, as one process, with the seconds, share and peak RSS
// of each stage and analysis (bench/scan-stages.ts, timed by the scan's own progress events), against
// `git log --numstat --find-renames` over the same repositories measured just before in the same run;
// then a no-op rescan through the CLI. Whole-process peaks come from `/usr/bin/time -v`: its maximum
// resident size is that of the largest single process of the tree (cto or one of its git children).
// Memory of the whole tree is printed both as summed RSS and as summed Pss (bench/proc-memory.ts); the
// Pss sum is the one compared with the 500 MB target (docs/development/performance.md).
// The staged scan runs one repository at a time (its stages overlap as in any scan: each stage's
// span and peaks are printed); a cold `cto scan` as people run it (two repositories at a time by
// default) is measured after it into another workspace when there are several repositories.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { timed } from './history.ts';
import type { StageTimes } from './scan-stages.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TIME = '/usr/bin/time';

interface Measured {
  seconds: number;
  /** Largest resident size of any one process of the tree, megabytes (`/usr/bin/time -v`). */
  maxRssMb: number;
  stdout: string;
}

/** Runs a command under `/usr/bin/time -v`: wall seconds, peak RSS, its standard output. */
function measured(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  keepStdout: boolean,
): Promise<Measured> {
  return new Promise((res, rej) => {
    const start = process.hrtime.bigint();
    const p = spawn(TIME, ['-v', cmd, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => {
      if (keepStdout) stdout += d.toString('utf8');
    });
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    p.on('error', rej);
    p.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0)
        return rej(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      res({ seconds, maxRssMb: kb ? Number(kb[1]) / 1024 : Number.NaN, stdout });
    });
  });
}

export interface FullScanBench {
  repositories: string[];
  reference: { seconds: number; maxRssMb: number };
  scan: Measured & { times: StageTimes };
  /** A cold `cto scan` through the CLI with its default jobs; null for one repository (the same scan). */
  cli: Measured | null;
  noopSeconds: number;
  /** The same with Node's compile cache off (every source file stripped and compiled again). */
  noopUncachedSeconds: number;
}

export async function benchFullScan(repos: readonly string[]): Promise<FullScanBench> {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const ws = mkdtempSync(join(tmpdir(), 'cto-bench-full-'));
  const cliWs = mkdtempSync(join(tmpdir(), 'cto-bench-full-cli-'));
  try {
    // Warm the page cache so neither side pays for the first read of the packs.
    for (const r of repos) await timed('git', ['-C', r, 'rev-list', '--count', 'HEAD'], env);
    const reference = { seconds: 0, maxRssMb: 0 };
    for (const r of repos) {
      const m = await measured('git', ['-C', r, 'log', '--numstat', '--find-renames', 'HEAD'], env, false);
      reference.seconds += m.seconds;
      reference.maxRssMb = Math.max(reference.maxRssMb, m.maxRssMb);
    }
    const scan = await measured(
      process.execPath,
      [join(ROOT, 'bench/scan-stages.ts'), repos.join(','), ws],
      process.env,
      true,
    );
    const times = JSON.parse(scan.stdout) as StageTimes;
    // No-op rescans: the first fills Node's compile cache (bin/cto.js), then one without it and one with it.
    const rescan = async (env: NodeJS.ProcessEnv) => {
      const r = await timed(
        process.execPath,
        [join(ROOT, 'bin/cto.js'), 'scan', ...repos, '--workspace', ws, '--json'],
        env,
      );
      if (r.code !== 0) throw new Error(`no-op rescan exited ${r.code}`);
      return r.ms / 1000;
    };
    await rescan(process.env);
    const noopUncachedSeconds = await rescan({ ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' });
    const noopSeconds = await rescan(process.env);
    // One repository is scanned the same way through the CLI (jobs only split repositories): not again.
    const cli =
      repos.length > 1
        ? await measured(
            process.execPath,
            [join(ROOT, 'bin/cto.js'), 'scan', ...repos, '--workspace', cliWs, '--json'],
            process.env,
            false,
          )
        : null;
    return {
      repositories: [...repos],
      reference,
      scan: { ...scan, times },
      cli,
      noopSeconds,
      noopUncachedSeconds,
    };
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(cliWs, { recursive: true, force: true });
  }
}

const LABEL: Record<string, string> = {
  start: 'discover + plan',
  history: 'history',
  tree: 'tree',
  collectors: 'collect',
  finish: 'commit',
};

export function printFullScan(b: FullScanBench): void {
  const t = b.scan.times;
  const sum = b.scan.seconds;
  const s = (x: number) => `${x.toFixed(2)} s`;
  const mb = (x: number | undefined) => (x === undefined ? '-' : `${x} MB`);
  console.log(`full scan (every collector and analysis): ${b.repositories.join(', ')} (status ${t.status})`);
  console.log('Stages overlap: "from - to" is when each ran (seconds from the start of the scan); wall is');
  console.log('its own time (summed over repositories), so the walls add up to more than the scan took.');
  console.log('Memory: RSS of cto; RSS of cto and its git processes summed (a page they share, such as');
  console.log("the repository's mapped pack files, counted once per process); Pss of cto and its git");
  console.log('processes summed (shared pages split between them: counted once in total). The 500 MB target');
  console.log('of issue 16 is compared with the Pss sum (sampled about once a second, RSS every 50 ms);');
  console.log("its anonymous part is the processes' own memory, without the files they map (pack files).");
  console.log(
    '| stage / analysis | from - to | wall | peak RSS (cto) | peak RSS (cto + git) | peak Pss (cto + git) | of it anonymous |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const outside = b.scan.seconds - t.total;
  console.log(`| node start, module load, store open | | ${s(outside)} | | | | |`);
  for (const [name, secs] of Object.entries(t.stages)) {
    const label = name.startsWith('analysis:') ? `  analysis ${name.slice(9)}` : (LABEL[name] ?? name);
    const span = t.spans[name];
    const when = span ? `${span.from.toFixed(1)} - ${span.to.toFixed(1)}` : '';
    console.log(
      `| ${label} | ${when} | ${s(secs)} | ${mb(t.peakRssMb[name])} | ${mb(t.peakTreeRssMb[name])} | ${mb(t.peakTreePssMb[name])} | ${mb(t.peakTreeAnonMb[name])} |`,
    );
  }
  console.log(
    `| full scan, whole process (with node start) | | ${s(b.scan.seconds)} | ${t.peakRssAllMb} MB | ${t.peakTreeRssAllMb} MB (largest single process ${b.scan.maxRssMb.toFixed(0)} MB) | ${t.peakTreePssAllMb} MB | ${t.peakTreeAnonAllMb} MB |`,
  );
  console.log(
    `| reference: git log --numstat --find-renames | | ${s(b.reference.seconds)} | | ${b.reference.maxRssMb.toFixed(0)} MB | | |`,
  );
  if (b.cli)
    console.log(
      `| cold cto scan (CLI, default jobs) | | ${s(b.cli.seconds)} | | ${b.cli.maxRssMb.toFixed(0)} MB (largest process) | | |`,
    );
  console.log(`  ratio full scan / reference  ${(sum / b.reference.seconds).toFixed(2)}  (target <= 2)`);
  console.log(
    `  peak Pss, cto + git          ${t.peakTreePssAllMb} MB  (target < 500 MB; summed RSS ${t.peakTreeRssAllMb} MB)`,
  );
  console.log(
    `  of it anonymous              ${t.peakTreeAnonAllMb} MB  (without mapped files such as packs)`,
  );
  if (b.cli)
    console.log(`  ratio CLI scan / reference   ${(b.cli.seconds / b.reference.seconds).toFixed(2)}`);
  console.log(`  no-op rescan (cto scan)      ${s(b.noopSeconds)}  (target < 0.5 s)`);
  console.log(`  same, compile cache off      ${s(b.noopUncachedSeconds)}`);
}
