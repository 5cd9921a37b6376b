import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { installHooks } from './hooks.ts';
import { failures, runScannerCommands } from './scanner-commands.ts';
import { appendConfig, newTrap, plainGit } from './trap.ts';

afterAll(cleanupTemp);

/** Plain git commands that run hooks: add and commit, branch checkout, automatic gc over two packs. */
function hookControls(dir: string): void {
  expect(plainGit(dir, ['repack', '-q']).code).toBe(0);
  writeFileSync(join(dir, 'new.txt'), 'new\n');
  expect(plainGit(dir, ['add', 'new.txt']).code).toBe(0);
  expect(plainGit(dir, ['commit', '-q', '-m', 'new']).code).toBe(0);
  expect(plainGit(dir, ['checkout', '-q', '-b', 'other']).code).toBe(0);
  expect(plainGit(dir, ['repack', '-q']).code).toBe(0); // a second pack, so gc --auto has work
  plainGit(dir, ['-c', 'gc.autoPackLimit=1', 'gc', '--auto', '--quiet']);
}

const HOOKS_PLAIN_GIT_RUNS = [
  'commit-msg',
  'post-checkout',
  'post-commit',
  'post-index-change',
  'pre-auto-gc',
  'pre-commit',
  'prepare-commit-msg',
  'reference-transaction',
];

describe('hooks', () => {
  it('runs no hook from .git/hooks; plain commit, checkout and gc do', async () => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    installHooks(join(repo.gitDir, 'hooks'), (hook) => trap.program(hook));
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(run.blobs.length).toBeGreaterThan(2);
    expect(trap.fired()).toEqual([]);
    hookControls(repo.dir);
    expect(trap.fired()).toEqual(expect.arrayContaining(HOOKS_PLAIN_GIT_RUNS));
  });

  it('runs no hook from a core.hooksPath folder; plain git does', async () => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    const hooks = join(trap.root, 'elsewhere-hooks');
    installHooks(hooks, (hook) => trap.program(`path-${hook}`));
    appendConfig(repo.config, `[core]\n\thooksPath = ${hooks}`);
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(trap.fired()).toEqual([]);
    hookControls(repo.dir);
    expect(trap.fired()).toEqual(expect.arrayContaining(HOOKS_PLAIN_GIT_RUNS.map((h) => `path-${h}`)));
  });
});

describe('core.fsmonitor', () => {
  it('is not run on a checked-out repository with an index; plain git status runs it', async () => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    appendConfig(repo.config, `[core]\n\tfsmonitor = ${trap.program('fsmonitor')}`);
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(trap.fired()).toEqual([]);
    plainGit(repo.dir, ['status', '--short']);
    expect(trap.fired()).toEqual(['fsmonitor']);
  });
});
