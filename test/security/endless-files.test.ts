// Not a program, but the same kind of attack: config naming a file git reads to the end.
// Pointed at /dev/zero, plain git grows without bound (measured on git 2.39: 2.9 GB in 5 s
// for core.attributesFile under `git log --numstat`; `git blame` spins on mailmap.file).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitArgv, gitEnv } from '../../src/git/invoke.ts';
import { cleanupTemp, git } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { BLAME, HISTORY, OWNERSHIP_LOG } from './scanner-commands.ts';
import { appendConfig, newTrap } from './trap.ts';

afterAll(cleanupTemp);

/**
 * Runs a hardened git call (same argv and environment as runGit) under a 1 GB address-space
 * limit and a kill timer, so that a regression fails the test instead of exhausting the machine.
 */
function guardedGit(gitDir: string, args: string[]) {
  return spawnSync('sh', ['-c', 'ulimit -v 1000000; exec git "$@"', 'sh', ...gitArgv({ gitDir, args })], {
    cwd: gitDir,
    env: gitEnv(),
    timeout: 20_000,
    encoding: 'utf8',
  });
}

describe('config naming endless files', () => {
  it.each([
    ['core.attributesFile', 'log'],
    ['mailmap.file', 'blame'],
  ])('%s = /dev/zero does not stop the %s commands', (key, _command) => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    const [section, name] = key.split('.') as [string, string];
    appendConfig(repo.config, `[${section}]\n\t${name} = /dev/zero`);
    const head = git(repo.dir, ['rev-parse', 'HEAD']).trim();
    for (const args of [[...HISTORY, head], [...OWNERSHIP_LOG, head], BLAME(head, 'data/report.bin')]) {
      const r = guardedGit(repo.gitDir, args);
      expect({ args: args.slice(0, 2), signal: r.signal, status: r.status, stderr: r.stderr }).toEqual({
        args: args.slice(0, 2),
        signal: null,
        status: 0,
        stderr: '',
      });
    }
  });
});
