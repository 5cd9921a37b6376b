import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, git } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { failures, runScannerCommands } from './scanner-commands.ts';
import { appendConfig, newTrap, plainGit } from './trap.ts';

afterAll(cleanupTemp);

/** Armoured blocks of the three signature kinds git recognises (the bytes need not verify). */
const SIGNATURES: Record<string, string[]> = {
  pgp: [
    '-----BEGIN PGP SIGNATURE-----',
    '',
    'iQEzBAABCAAdFiEEc3R1YnN0dWJzdHVic3R1YnN0dWI=',
    '=abcd',
    '-----END PGP SIGNATURE-----',
  ],
  ssh: [
    '-----BEGIN SSH SIGNATURE-----',
    'U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTk=',
    '-----END SSH SIGNATURE-----',
  ],
  x509: [
    '-----BEGIN SIGNED MESSAGE-----',
    'MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQME',
    '-----END SIGNED MESSAGE-----',
  ],
};

/** Writes a commit object carrying a `gpgsig` header on top of `parent`; returns its id. */
function signedCommit(dir: string, parent: string, kind: string): string {
  const tree = git(dir, ['rev-parse', `${parent}^{tree}`]).trim();
  const lines = SIGNATURES[kind]!;
  const text = [
    `tree ${tree}`,
    `parent ${parent}`,
    'author Ada Lovelace <ada@example.com> 1706745600 +0000',
    'committer Ada Lovelace <ada@example.com> 1706745600 +0000',
    `gpgsig ${lines[0]}`,
    ...lines.slice(1).map((l) => ` ${l}`),
    '',
    `signed with ${kind}`,
    '',
  ].join('\n');
  return git(dir, ['hash-object', '-t', 'commit', '-w', '--literally', '--stdin'], text).trim();
}

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
	program = ${trap.program('gpg')}
[gpg "ssh"]
	program = ${trap.program('gpg-ssh')}
	allowedSignersFile = ${allowed}
[gpg "x509"]
	program = ${trap.program('gpg-x509')}`,
    );
    const run = await runScannerCommands(repo.gitDir);
    expect(failures(run)).toEqual([]);
    expect(run.head).toBe(tip);
    expect(trap.fired()).toEqual([]);

    plainGit(repo.dir, ['log', '-3', '--format=%H %s']);
    expect(trap.fired()).toEqual(['gpg', 'gpg-ssh', 'gpg-x509']);
  });
});
