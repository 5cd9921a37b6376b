import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { failures, runScannerCommands } from './scanner-commands.ts';
import { appendConfig, newTrap, plainGit } from './trap.ts';

afterAll(cleanupTemp);

/** Every file under `dir` with a hash of its bytes and its mode. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const st = statSync(join(dir, rel));
    if (!st.isFile()) continue;
    out[rel] = `${st.mode.toString(8)} ${createHash('sha256')
      .update(readFileSync(join(dir, rel)))
      .digest('hex')}`;
  }
  return out;
}

function configFiles(repoGitDir: string): Record<string, string | null> {
  const files = [
    join(repoGitDir, 'config'),
    join(homedir(), '.gitconfig'),
    join(homedir(), '.config', 'git', 'config'),
    '/etc/gitconfig',
  ];
  return Object.fromEntries(files.map((f) => [f, existsSync(f) ? readFileSync(f, 'utf8') : null]));
}

const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('a repository owned by another user', () => {
  it('is scanned without a dubious-ownership refusal and without changing any file or git config', async () => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    appendConfig(repo.config, `[core]\n\tfsmonitor = ${trap.program('fsmonitor')}`);
    execFileSync('chown', ['-R', 'nobody', repo.dir]);
    const before = { tree: fingerprint(repo.dir), configs: configFiles(repo.gitDir) };

    const refused = plainGit(repo.dir, ['log', '-1']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('dubious ownership');

    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(run.blobs.map(([path]) => path).sort()).toEqual(['README.md', 'data/report.bin', 'src/main.js']);
    expect(trap.fired()).toEqual([]);
    expect(fingerprint(repo.dir)).toEqual(before.tree);
    expect(configFiles(repo.gitDir)).toEqual(before.configs);
  });
});
