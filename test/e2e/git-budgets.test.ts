// The command line on a git bomb (a few KB, 10^10 paths): the scan ends with the bomb failed at its
// memory bound and the other repository ok, no process grows past the bound, and a `kill -9` of
// cto leaves no git running.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CTO_BIN } from '../helpers/cli.ts';
import { buildGitBomb } from '../helpers/git-bomb.ts';
import { isGone, type ProcessInfo, processTree, sleep } from '../helpers/proc.ts';
import { buildRepo, cleanupTemp, tempDir } from '../helpers/repo-builder.ts';

const MiB = 1024 ** 2;
const started: number[] = [];

afterAll(() => {
  // A regression must not leave a growing git behind on the machine.
  for (const pid of started) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
  cleanupTemp();
});

function workspace(config: string): { root: string; ws: string } {
  const root = tempDir();
  buildGitBomb(join(root, 'repos', 'bomb'));
  buildRepo(join(root, 'repos', 'good'), [
    { files: { 'a.txt': 'a\n', 'package.json': '{"name":"good"}\n' } },
  ]);
  const ws = join(root, 'ws');
  mkdirSync(ws);
  writeFileSync(join(ws, 'cto.yaml'), config);
  return { root, ws };
}

function startScan(root: string, ws: string, extra: string[] = []) {
  return spawn(process.execPath, [CTO_BIN, 'scan', join(root, 'repos'), '--workspace', ws, ...extra], {
    env: { ...process.env, CTO_DB: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('cto scan of a git bomb', () => {
  it('ends with the bomb failed at the memory bound, the other repository ok, every git under the bound', async () => {
    const { root, ws } = workspace('scan:\n  gitMemory: 256MiB\n');
    const child = startScan(root, ws, ['--json']);
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    const peaks = new Map<number, ProcessInfo>();
    let total = 0;
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    let done = false;
    void exit.then(() => {
      done = true;
    });
    while (!done) {
      const tree = processTree(child.pid ?? 0);
      total = Math.max(
        total,
        tree.reduce((n, p) => n + p.rss, 0),
      );
      for (const p of tree) if (p.peakRss >= (peaks.get(p.pid)?.peakRss ?? 0)) peaks.set(p.pid, p);
      await sleep(25);
    }
    expect(await exit).toBe(1); // one repository failed
    const doc = JSON.parse(stdout);
    const byName = new Map(doc.repositories.map((r: { name: string }) => [r.name, r]));
    expect(byName.get('bomb')).toMatchObject({
      status: 'failed',
      error: {
        code: 'GIT_BUDGET_EXCEEDED',
        message: expect.stringMatching(/^git log exceeded the 256 MiB memory/),
      },
    });
    expect(byName.get('good')).toMatchObject({ status: 'ok', error: null });
    const gits = [...peaks.values()].filter((p) => p.comm === 'git');
    expect(gits.length).toBeGreaterThan(0);
    // Each git stays under its budget; all processes together under the budget plus cto's own.
    const cto = peaks.get(child.pid ?? 0)?.peakRss ?? 0;
    expect(Math.max(...gits.map((p) => p.peakRss))).toBeLessThanOrEqual(256 * MiB);
    expect(total).toBeLessThanOrEqual(2 * 256 * MiB + cto);
  });

  it('leaves no git running when cto is killed with SIGKILL in the middle of the scan', async () => {
    const { root, ws } = workspace('scan:\n  jobs: 1\n');
    const child = startScan(root, ws);
    const exit = new Promise<void>((resolve) => child.on('close', () => resolve()));
    // Wait for the history stage's git log on the bomb, which grows until a bound stops it.
    let gits: ProcessInfo[] = [];
    while (!gits.some((p) => p.args.includes(' log ') && p.args.includes('bomb'))) {
      gits = processTree(child.pid ?? 0).filter((p) => p.comm === 'git');
      started.push(...gits.map((p) => p.pid));
      if (child.exitCode !== null) throw new Error('cto ended before git log started');
      await sleep(10);
    }
    child.kill('SIGKILL');
    await exit;
    let alive = gits.map((p) => p.pid);
    for (let i = 0; i < 100 && alive.length > 0; i++) {
      await sleep(20);
      alive = alive.filter((pid) => !isGone(pid));
    }
    expect(alive).toEqual([]);
  });
});
