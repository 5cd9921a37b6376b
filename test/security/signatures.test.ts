import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { failures, runScannerCommands } from './scanner-commands.ts';
import { SIGNATURES, signedCommit } from './signed-commit.ts';
import { appendConfig, newTrap, plainGit } from './trap.ts';

afterAll(cleanupTemp);

// Read the signed payload git writes, or git may die of a broken pipe before the next commit.
const DRAIN = 'cat > /dev/null; exit 1';

describe('signature programs', () => {
  it('runs no gpg, gpg.ssh or gpg.x509 program with log.showSignature=true; plain git log does', async () => {
    const trap = newTrap();
    const repo = baseRepo(join(trap.root, 'repo'));
    let tip = git(repo.dir, ['rev-parse', 'HEAD']).trim();
    for (const kind of Object.keys(SIGNATURES)) tip = signedCommit(repo.dir, tip, kind);
    git(repo.dir, ['update-ref', 'refs/heads/main', tip]);
    const allowed = join(trap.root, 'allowed_signers');
    writeFileSync(
      allowed,
      'ada@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n',
    );
    appendConfig(
      repo.config,
      `[log]
	showSignature = true
[gpg]
	program = ${trap.program('gpg', DRAIN)}
[gpg "ssh"]
	program = ${trap.program('gpg-ssh', DRAIN)}
	allowedSignersFile = ${allowed}
[gpg "x509"]
	program = ${trap.program('gpg-x509', DRAIN)}`,
    );
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(run.head).toBe(tip);
    expect(trap.fired()).toEqual([]);

    plainGit(repo.dir, ['log', '-3', '--format=%H %s']);
    expect(trap.fired()).toEqual(['gpg', 'gpg-ssh', 'gpg-x509']);
  });
});
