// `node bench/git-bomb.ts [--git-memory SIZE]`: a cold `cto scan` of a git bomb (one commit of a
// few KB naming 10^10 paths) with the default budgets, against plain `git log` of the same commit
// under the same address-space limit (`prlimit --as`), in one run. Prints the time each takes to
// end, their ratio, the peak RSS of every git process and of all processes together, and how the
// scan ended. Sampled from /proc every 20 ms (Linux).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GiB, MiB } from '../src/git/budget.ts';
import { LOG_ARGS } from '../src/git/log.ts';
import { parseSize } from '../src/workspace.ts';
import { buildGitBomb } from '../test/helpers/git-bomb.ts';
import { processTree, sleep } from '../test/helpers/proc.ts';

const ROOT = resolve(import.meta.dirname, '..');
const flag = process.argv.indexOf('--git-memory');
const memory = flag > 0 ? parseSize(process.argv[flag + 1] ?? '') : 2 * GiB;

interface Run {
  ms: number;
  code: number | null;
  stdout: string;
  /** Highest VmHWM of one git process, and highest sum of VmRSS over the whole process tree. */
  gitPeak: number;
  totalPeak: number;
}

async function measured(command: string, args: string[], env = process.env): Promise<Run> {
  const start = process.hrtime.bigint();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  let code: number | null | undefined;
  child.on('close', (c) => {
    code = c;
  });
  let gitPeak = 0;
  let totalPeak = 0;
  while (code === undefined) {
    const tree = processTree(child.pid ?? 0);
    totalPeak = Math.max(
      totalPeak,
      tree.reduce((n, p) => n + p.rss, 0),
    );
    for (const p of tree) if (p.comm === 'git') gitPeak = Math.max(gitPeak, p.peakRss);
    await sleep(20);
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, code, stdout, gitPeak, totalPeak };
}

const dir = join(tmpdir(), `cto-bench-bomb-${process.pid}`);
try {
  const bomb = buildGitBomb(join(dir, 'bomb'));
  const ws = join(dir, 'ws');
  mkdirSync(ws);
  const reference = await measured('prlimit', [
    `--as=${memory}`,
    '--',
    'git',
    `--git-dir=${join(bomb.dir, '.git')}`,
    ...LOG_ARGS,
    bomb.commit,
    '--',
  ]);
  const scan = await measured(
    process.execPath,
    [join(ROOT, 'bin/cto.js'), 'scan', bomb.dir, '--workspace', ws, '--json', '--git-memory', String(memory)],
    { ...process.env, CTO_DB: '' },
  );
  const outcome = JSON.parse(scan.stdout).repositories[0];
  const mb = (n: number) => `${Math.round(n / MiB)} MiB`;
  console.log(`git bomb: ${bomb.paths.toExponential()} paths; memory budget ${mb(memory)}`);
  console.log(
    `reference: git log under prlimit --as: ${(reference.ms / 1000).toFixed(1)} s, peak RSS ${mb(reference.gitPeak)}, exit ${reference.code}`,
  );
  console.log(
    `cto scan: ${(scan.ms / 1000).toFixed(1)} s (ratio ${(scan.ms / reference.ms).toFixed(2)}), git peak RSS ${mb(scan.gitPeak)}, all processes ${mb(scan.totalPeak)}, exit ${scan.code}`,
  );
  console.log(`outcome: ${outcome.status}: ${outcome.error?.message}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
