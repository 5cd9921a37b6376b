// Hooks for hostile repositories: every hook name git 2.39 documents, each a trap program.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every hook git 2.39 documents (githooks(5)). */
const HOOK_NAMES = [
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-receive',
  'update',
  'proc-receive',
  'post-receive',
  'post-update',
  'reference-transaction',
  'push-to-checkout',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'fsmonitor-watchman',
  'p4-changelist',
  'p4-prepare-changelist',
  'p4-post-changelist',
  'p4-pre-submit',
  'post-index-change',
];

/** Writes every hook into `dir`, each running `program(hook)`. */
export function installHooks(dir: string, program: (hook: string) => string): void {
  mkdirSync(dir, { recursive: true });
  for (const hook of HOOK_NAMES) {
    writeFileSync(join(dir, hook), `#!/bin/sh\nexec '${program(hook)}' "$@"\n`);
    chmodSync(join(dir, hook), 0o755);
  }
}
