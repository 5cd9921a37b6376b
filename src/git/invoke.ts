// The only place that starts git. Every call gets a minimal environment and forced
// overrides, so that nothing a scanned repository configures can run a program.
import { type ChildProcess, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CtoError } from '../errors.ts';

/** `-c` overrides forced on every call (DESIGN.md rule 1). */
export const GIT_OVERRIDES: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.sshCommand=false',
  'core.askPass=false',
  'core.pager=cat',
  'core.editor=false',
  'credential.helper=',
  'protocol.allow=never',
  'log.showSignature=false',
  'log.mailmap=false',
  // Files a repository may name for git to read: pointed at /dev/zero they never end
  // (git log reads the attributes file, git blame the mailmap).
  'core.attributesFile=',
  'mailmap.file=',
  'mailmap.blob=',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'diff.external=',
  'gc.auto=0',
  'maintenance.auto=false',
  'safe.directory=*',
].flatMap((kv) => ['-c', kv]);

/** Environment variables set on every call; nothing else from the parent but PATH, HOME and locale. */
export function gitEnv(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    PATH: parent.PATH ?? '/usr/bin:/bin',
    HOME: parent.HOME ?? '/nonexistent',
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_NO_REPLACE_OBJECTS: '1',
    // Honoured since git 2.39.4 / 2.45.1; older git would lazy-fetch a missing object from a
    // promisor remote the repository names, so every transport is also refused below.
    GIT_NO_LAZY_FETCH: '1',
    // An empty allow-list: no transport at all (ext::, file, git, ssh, http, remote helpers). Unlike
    // `-c protocol.allow=never`, this is not beaten by a repository's own `protocol.<name>.allow`.
    GIT_ALLOW_PROTOCOL: '',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PROTOCOL_FROM_USER: '0',
    GIT_ASKPASS: 'false',
    SSH_ASKPASS: 'false',
    GIT_PAGER: 'cat',
  };
}

export interface GitCall {
  /** The git directory (`.git` of a work tree, or a bare repository). Commands run against it, never a work tree. */
  gitDir: string;
  args: readonly string[];
  /** Bytes written to git's stdin, then closed. */
  input?: Buffer | string;
}

/** Full argument vector for a call: hardening first, then the command. */
export function gitArgv(call: GitCall): string[] {
  return ['--no-pager', '--no-replace-objects', `--git-dir=${call.gitDir}`, ...GIT_OVERRIDES, ...call.args];
}

export function spawnGit(call: GitCall): ChildProcess {
  const child = spawn('git', gitArgv(call), {
    // A `.git` file (linked worktree, submodule) cannot be a working directory: use its folder.
    cwd: isDirectory(call.gitDir) ? call.gitDir : dirname(call.gitDir),
    env: gitEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (call.input !== undefined) child.stdin?.end(call.input);
  else child.stdin?.end();
  return child;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Run git to completion and collect its output. Never throws on a non-zero exit; see `gitOk`. */
export function runGit(call: GitCall): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(call);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new CtoError('GIT_NOT_FOUND', `cannot run git: ${e.message}`)));
    child.on('close', (code) =>
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 128 }),
    );
  });
}

/** Run git and return stdout; a non-zero exit becomes a `GitError` naming git's own error line. */
export async function gitOk(call: GitCall): Promise<Buffer> {
  const r = await runGit(call);
  if (r.code !== 0) throw gitFailure(call, r);
  return r.stdout;
}

/** A git process that ended with a non-zero exit: its code and whole stderr, for callers that decide on them. */
export class GitError extends CtoError {
  readonly exitCode: number;
  readonly stderr: string;
  constructor(message: string, exitCode: number, stderr: string) {
    super('GIT_FAILED', message);
    this.name = 'GitError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/**
 * The error for a failed call. The message names git's first `fatal:` or `error:` line: warnings
 * printed before it (such as "lazy fetching disabled") are context, not the reason.
 */
export function gitFailure(call: GitCall, r: { code: number; stderr: string }): GitError {
  const lines = r.stderr.split('\n').map((l) => l.trim());
  const line =
    lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.find((l) => l !== '') ?? `exit code ${r.code}`;
  return new GitError(`git ${call.args[0] ?? ''} failed: ${line}`, r.code, r.stderr);
}

const MISSING_OBJECTS_RE =
  /unable to read|could not read|missing blob|from promisor remote|lazy fetching disabled/i;

/**
 * True when git failed because objects are absent: a blobless or treeless partial clone (git cannot
 * lazy-fetch, GIT_NO_LAZY_FETCH and the empty protocol allow-list forbid it) or a damaged object store.
 * Decided from the whole stderr, not its first line, which is often the lazy-fetch warning.
 */
export function isMissingObjects(e: unknown): boolean {
  if (!(e instanceof GitError) || e.exitCode === 0) return false;
  return MISSING_OBJECTS_RE.test(e.stderr);
}

/**
 * Stream git's stdout chunk by chunk. Ends with an error if git exits non-zero.
 * The consumer's pace is respected: git blocks on a full pipe while a chunk is being handled.
 */
export async function* streamGit(call: GitCall): AsyncGenerator<Buffer> {
  const child = spawnGit(call);
  const err: Buffer[] = [];
  child.stderr?.on('data', (b: Buffer) => {
    if (err.length < 64) err.push(b);
  });
  const closed = new Promise<number>((resolve, reject) => {
    child.on('error', (e) => reject(new CtoError('GIT_NOT_FOUND', `cannot run git: ${e.message}`)));
    child.on('close', (code) => resolve(code ?? 128));
  });
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) yield chunk;
    const code = await closed;
    if (code !== 0) throw gitFailure(call, { code, stderr: Buffer.concat(err).toString('utf8') });
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
