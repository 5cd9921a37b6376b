// The nastiest repository: every trap of the other tests at once, in one checked-out clone.
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../helpers/repo-builder.ts';
import { baseRepo } from './base-repo.ts';
import { installHooks } from './hooks.ts';
import { SIGNATURES, signedCommit } from './signed-commit.ts';
import { appendConfig, type Trap } from './trap.ts';

const ATTRIBUTES = '* diff=evil filter=evil\n';

interface NastyRepo {
  dir: string;
  gitDir: string;
  /** The blob the promisor remote would be asked for (deleted only when asked to). */
  missing: string;
  head: string;
}

/** With `deleteBlob`, the blob of data/report.bin is removed so git would lazy-fetch it. */
export function nastyRepo(trap: Trap, deleteBlob = true): NastyRepo {
  const repo = baseRepo(join(trap.root, 'nasty'), {
    '.gitattributes': ATTRIBUTES,
    '.mailmap': 'X <x@x> <ada@example.com>\n',
  });
  let head = git(repo.dir, ['rev-parse', 'HEAD']).trim();
  for (const kind of Object.keys(SIGNATURES)) head = signedCommit(repo.dir, head, kind);
  git(repo.dir, ['update-ref', 'refs/heads/main', head]);
  const missing = git(repo.dir, ['rev-parse', 'HEAD:data/report.bin']).trim();
  if (deleteBlob) rmSync(join(repo.gitDir, 'objects', missing.slice(0, 2), missing.slice(2)));
  git(repo.dir, ['config', 'core.repositoryformatversion', '1']);
  appendFileSync(join(repo.dir, '.gitattributes'), '*.md diff=evil\n');
  writeFileSync(join(repo.gitDir, 'info', 'attributes'), ATTRIBUTES);
  installHooks(join(repo.gitDir, 'hooks'), (hook) => trap.program(hook));
  const p = (name: string, tail?: string) => trap.program(name, tail);
  const included = join(trap.root, 'included.conf');
  writeFileSync(
    included,
    `[core]\n\tpager = ${p('include-pager', 'cat >/dev/null')}\n\teditor = ${p('include-editor')}\n`,
  );
  appendConfig(
    repo.config,
    `[core]
	fsmonitor = ${p('fsmonitor')}
	sshCommand = ${p('ssh-command')}
	askPass = ${p('askpass')}
	alternateRefsCommand = ${p('alternate-refs')}
	gitProxy = ${p('git-proxy')}
[include]
	path = ${included}
[includeIf "gitdir:${repo.gitDir}"]
	path = ${included}
[extensions]
	partialClone = origin
[remote "origin"]
	url = ext::${p('ext-remote', 'exit 1')}
	promisor = true
	uploadpack = ${p('upload-pack')}
[protocol]
	allow = always
[protocol "ext"]
	allow = always
[log]
	showSignature = true
[gpg]
	program = ${p('gpg', 'cat >/dev/null')}
[gpg "ssh"]
	program = ${p('gpg-ssh', 'cat >/dev/null')}
	allowedSignersFile = ${join(trap.root, 'allowed_signers')}
[gpg "x509"]
	program = ${p('gpg-x509', 'cat >/dev/null')}
[diff]
	external = ${p('diff-external')}
[diff "evil"]
	textconv = ${p('textconv', 'cat "$1"')}
	command = ${p('external-diff-driver')}
[filter "evil"]
	clean = ${p('filter-clean', 'cat')}
	smudge = ${p('filter-smudge', 'cat')}
	process = ${p('filter-process', 'exit 1')}
[credential]
	helper = ${p('credential-helper')}
[pager]
	log = ${p('pager-log', 'cat >/dev/null')}
[uploadpack]
	packObjectsHook = ${p('pack-objects-hook')}`,
  );
  writeFileSync(join(trap.root, 'allowed_signers'), '');
  return { dir: repo.dir, gitDir: repo.gitDir, missing, head };
}
