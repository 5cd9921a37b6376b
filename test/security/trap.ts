// Trap programs for hostile repositories: each is a shell script that, when anything runs it,
// creates a marker file named after it. A test passes only when no marker exists after the
// scanner's commands ran, and each control (plain git) proves the trap is live.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/repo-builder.ts';

export interface Trap {
  root: string;
  markers: string;
  /** Writes an executable script `<root>/bin/<name>` that creates marker `<name>`, then runs `tail`. */
  program(name: string, tail?: string): string;
  /** Names of the markers that exist. */
  fired(): string[];
  reset(): void;
}

export function newTrap(): Trap {
  const root = tempDir('cto-hostile-');
  const markers = join(root, 'markers');
  const bin = join(root, 'bin');
  mkdirSync(markers);
  mkdirSync(bin);
  return {
    root,
    markers,
    program(name, tail = 'exit 0') {
      const path = join(bin, name);
      writeFileSync(path, `#!/bin/sh\necho "$0 $*" >> '${join(markers, name)}'\n${tail}\n`);
      chmodSync(path, 0o755);
      return path;
    },
    fired: () => readdirSync(markers).sort(),
    reset() {
      rmSync(markers, { recursive: true, force: true });
      mkdirSync(markers);
    },
  };
}

interface PlainResult {
  code: number;
  stdout: string;
  stderr: string;
}

function userEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TERM: 'xterm',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Ada',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
  };
}

/**
 * Plain git as a user would run it in `cwd`: their own tools, no hardening. Only system and
 * global config are kept out, so the result depends on the repository alone.
 */
export function plainGit(
  cwd: string,
  args: string[],
  input?: string,
  extraEnv: Record<string, string> = {},
): PlainResult {
  const r = spawnSync('git', args, {
    cwd,
    input,
    env: { ...userEnv(cwd), ...extraEnv },
    encoding: 'utf8',
  });
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

/** Plain git behind a pseudo-terminal (util-linux `script`), for pagers that start only on a TTY. */
export function plainGitOnTty(cwd: string, args: string[]): PlainResult {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', `git ${quoted}`, '/dev/null'], {
    cwd,
    env: userEnv(cwd),
    encoding: 'utf8',
  });
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

/** Appends raw text to a git config file (no git involved, so nothing can run while writing). */
export function appendConfig(file: string, text: string): void {
  appendFileSync(file, `\n${text.trim()}\n`);
}
