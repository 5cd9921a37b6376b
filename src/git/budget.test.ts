// Every git process runs under a budget: memory (address space), time, output; a listed tree under
// an entry bound. Tested on a "git bomb" (10^10 paths in a few KB) and on plain repositories.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildGitBomb, type GitBomb } from '../../test/helpers/git-bomb.ts';
import { isGone, processTree, sleep } from '../../test/helpers/proc.ts';
import { buildRepo, cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { budgetFor, DEFAULT_BUDGET_SETTINGS, GiB, type GitBudget, MiB, withGitBudget } from './budget.ts';
import { runGit, spawnGit, streamGit } from './invoke.ts';
import { LOG_ARGS } from './log.ts';
import { type Launcher, limitedCommand } from './process-limits.ts';
import { listTree } from './tree.ts';

let bomb: GitBomb;
let bombDir: string;

beforeAll(() => {
  bomb = buildGitBomb(join(tempDir(), 'bomb'));
  bombDir = join(bomb.dir, '.git');
});
afterAll(cleanupTemp);

const budget = (over: Partial<GitBudget>): GitBudget => ({
  ...budgetFor(DEFAULT_BUDGET_SETTINGS, 0),
  ...over,
});

describe('the tree bound', () => {
  test('a bomb of 10^10 paths is refused once git has listed one entry too many, without reading the rest', async () => {
    expect(bomb.paths).toBe(1e10);
    await expect(listTree(bombDir, bomb.commit, 1000)).rejects.toMatchObject({
      code: 'TREE_TOO_LARGE',
      message: expect.stringMatching(/more than 1,000 entries.*scan\.maxTreeEntries/),
    });
  });

  test('the bound comes from the budget in scope; a tree at the bound is read whole', async () => {
    const small = buildGitBomb(join(tempDir(), 'small'), 3);
    const gitDir = join(small.dir, '.git');
    const entries = await withGitBudget(budget({ treeEntries: 1000 }), () => listTree(gitDir, small.commit));
    expect(entries).toHaveLength(1000);
    expect(entries[999]?.path).toBe('d9/d9/f9');
    await expect(
      withGitBudget(budget({ treeEntries: 999 }), () => listTree(gitDir, small.commit)),
    ).rejects.toMatchObject({ code: 'TREE_TOO_LARGE' });
  });
});

describe('process bounds', () => {
  test('memory: git log of the bomb stops at the address-space limit, named in the error', async () => {
    const git = spawnGit({
      gitDir: bombDir,
      args: [...LOG_ARGS, bomb.commit, '--'],
      budget: budget({ memoryBytes: 64 * MiB }),
    });
    git.stdout.resume();
    const exit = await git.exited;
    expect(exit.exceeded).toBe('memory');
    expect(exit.stderr).toMatch(/out of memory|cannot allocate/i);
    const call = {
      gitDir: bombDir,
      args: [...LOG_ARGS, bomb.commit, '--'],
      budget: budget({ memoryBytes: 64 * MiB }),
    };
    await expect(collect(streamGit(call))).rejects.toMatchObject({
      code: 'GIT_BUDGET_EXCEEDED',
      message: expect.stringMatching(
        /^git log exceeded the 64 MiB memory budget and was stopped \(scan\.gitMemory/,
      ),
    });
  });

  test('time: git log of the bomb is stopped at the time limit, with its whole process group', async () => {
    const git = spawnGit({
      gitDir: bombDir,
      args: [...LOG_ARGS, bomb.commit, '--'],
      budget: budget({ timeMs: 300 }),
    });
    git.stdout.resume();
    const exit = await git.exited;
    expect(exit).toMatchObject({ exceeded: 'time', signal: 'SIGKILL' });
    expect(isGone(git.pid ?? 0)).toBe(true);
    await expect(
      runGit({ gitDir: bombDir, args: ['log', '--raw', bomb.commit], budget: budget({ timeMs: 300 }) }),
    ).rejects.toMatchObject({
      code: 'GIT_BUDGET_EXCEEDED',
      message: expect.stringMatching(/300 ms time budget/),
    });
  });

  test('a bound hit kills the whole process group: what git started dies with it', async () => {
    const dir = buildRepo(tempDir(), [{ files: { 'a.txt': 'a\n' } }]);
    // An alias given by the caller (never by a repository) makes git start a shell and two sleeps,
    // which let go of git's pipes: only the group kill can reach them.
    const nap = '!exec >/dev/null 2>&1 </dev/null; sleep 30 & sleep 30';
    const call = { gitDir: join(dir, '.git'), args: ['-c', `alias.nap=${nap}`, 'nap'] };
    const git = spawnGit({ ...call, budget: budget({ timeMs: 2000 }) });
    let family: number[] = [];
    while (family.length < 4 && !isGone(git.pid ?? 0)) {
      family = processTree(git.pid ?? 0).map((p) => p.pid);
      await sleep(20);
    }
    expect(family.length).toBe(4);
    expect((await git.exited).exceeded).toBe('time');
    await sleep(100);
    expect(family.filter((pid) => !isGone(pid))).toEqual([]);
  });

  test('output: a git that writes more than its output budget is stopped', async () => {
    const dir = buildRepo(tempDir(), [{ files: { 'big.txt': 'x'.repeat(100_000) } }]);
    const call = { gitDir: join(dir, '.git'), args: ['cat-file', '-p', 'HEAD:big.txt'] };
    expect((await runGit(call)).stdout.length).toBe(100_000);
    await expect(runGit({ ...call, budget: budget({ outputBytes: 10_000 }) })).rejects.toMatchObject({
      code: 'GIT_BUDGET_EXCEEDED',
      message: expect.stringMatching(/^git cat-file exceeded the 9\.8 KiB output budget/),
    });
  });

  test('a git call within its budget runs as before', async () => {
    const dir = buildRepo(tempDir(), [{ files: { 'a.txt': 'a\n' } }]);
    const r = await runGit({
      gitDir: join(dir, '.git'),
      args: ['rev-parse', 'HEAD'],
      budget: budget({ memoryBytes: 64 * MiB }),
    });
    expect(r.stdout.toString().trim()).toBe(git(dir, ['rev-parse', 'HEAD']).trim());
  });
});

describe('the pack settings every git call runs with', () => {
  test('mapped pack windows are set from the memory budget', async () => {
    const dir = buildRepo(tempDir(), [{ files: { 'a.txt': 'a\n' } }]);
    const setting = async (name: string, memoryBytes: number) =>
      Number(
        (
          await runGit({
            gitDir: join(dir, '.git'),
            args: ['config', '--get', name],
            budget: budget({ memoryBytes }),
          })
        ).stdout
          .toString()
          .trim(),
      );
    expect(await setting('core.packedGitLimit', 2 * GiB)).toBe(512 * MiB);
    expect(await setting('core.packedGitWindowSize', 2 * GiB)).toBe(128 * MiB);
    // A quarter of a small budget, in windows of a sixteenth.
    expect(await setting('core.packedGitLimit', 256 * MiB)).toBe(64 * MiB);
    expect(await setting('core.packedGitWindowSize', 256 * MiB)).toBe(16 * MiB);
  });

  test("a call's delta base cache is git's own unless the call sets it", async () => {
    const dir = buildRepo(tempDir(), [{ files: { 'a.txt': 'a\n' } }]);
    const cache = async (deltaBaseCacheBytes?: number) => {
      const r = await runGit({
        gitDir: join(dir, '.git'),
        args: ['config', '--get', 'core.deltaBaseCacheLimit'],
        ...(deltaBaseCacheBytes === undefined ? {} : { deltaBaseCacheBytes }),
      });
      return { code: r.code, value: r.stdout.toString().trim() };
    };
    expect(await cache(16 * MiB)).toEqual({ code: 0, value: String(16 * MiB) });
    expect(await cache()).toEqual({ code: 1, value: '' }); // unset: git's default of 96 MiB
  });
});

describe('the budget of a repository', () => {
  test('auto bounds grow with the size of the objects; fixed ones do not', () => {
    expect(budgetFor(DEFAULT_BUDGET_SETTINGS, 0)).toEqual({
      memoryBytes: 2 * GiB,
      timeMs: 600_000,
      outputBytes: 4 * GiB,
      treeEntries: 1_000_000,
    });
    const big = budgetFor(DEFAULT_BUDGET_SETTINGS, 1024 * MiB);
    expect(big).toMatchObject({ timeMs: (600 + 2048) * 1000, outputBytes: 16 * GiB });
    expect(
      budgetFor({ ...DEFAULT_BUDGET_SETTINGS, timeoutSeconds: 30, outputBytes: MiB }, 1024 * MiB),
    ).toMatchObject({
      timeMs: 30_000,
      outputBytes: MiB,
    });
  });
});

describe.each<[string, Launcher]>([
  ['setpriv and prlimit', { setpriv: true, prlimit: true }],
  ['prlimit only', { setpriv: false, prlimit: true }],
  ['setpriv only (sh ulimit)', { setpriv: true, prlimit: false }],
  ['neither (sh ulimit)', { setpriv: false, prlimit: false }],
])('the kernel limits, started with %s', (_label, launcher) => {
  test('the address-space and CPU-time limits are set on the started program', () => {
    const { command, args } = limitedCommand(
      ['sh', '-c', 'cat /proc/self/limits'],
      { memoryBytes: 300 * MiB, cpuSeconds: 7.2 },
      launcher,
    );
    const r = spawnSync(command, args, { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Max address space\\s+${300 * MiB}\\s`));
    expect(r.stdout).toMatch(/Max cpu time\s+8\s/);
    expect(command).toBe(launcher.setpriv ? 'setpriv' : launcher.prlimit ? 'prlimit' : 'sh');
    expect(r.stdout).toMatch(/Max file size\s+unlimited\s/);
  });

  test('a file-size limit, when asked for, is set too (git writing its output to a file)', () => {
    const { command, args } = limitedCommand(
      ['sh', '-c', 'cat /proc/self/limits'],
      { memoryBytes: 300 * MiB, cpuSeconds: 7.2, fileBytes: 10 * 512 },
      launcher,
    );
    const r = spawnSync(command, args, { encoding: 'utf8' });
    expect(r.stdout).toMatch(new RegExp(`Max file size\\s+${10 * 512}\\s`));
  });
});

async function collect(stream: AsyncGenerator<Buffer>): Promise<number> {
  let n = 0;
  for await (const chunk of stream) n += chunk.length;
  return n;
}
