// The only place that starts git. Every call gets a minimal environment and forced
// overrides, so that nothing a scanned repository configures can run a program.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Readable, Transform, type Writable } from 'node:stream';
import { CtoError } from '../errors.ts';
import { type BudgetBound, budgetExceeded, currentGitBudget, type GitBudget } from './budget.ts';
import { limitedCommand } from './process-limits.ts';

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
  // Not a program, but what line counts mean: the diff git blame runs (no context, so git trims the
  // files' common tail first, which can align a moved blank line differently), for every diff cto reads,
  // whatever a repository's own config says. History's counts then come from the same diffs as the
  // ownership replay's patches (shared-log.ts), equal to `git -c diff.context=0 log --numstat`.
  'diff.context=0',
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

interface GitCall {
  /** The git directory (`.git` of a work tree, or a bare repository). Commands run against it, never a work tree. */
  gitDir: string;
  args: readonly string[];
  /** Bytes written to git's stdin, then closed. */
  input?: Buffer | string;
  /** The bounds of this call; default: the budget of the scan in progress (`withGitBudget`), else the defaults. */
  budget?: GitBudget;
  /**
   * Network access for the one command that fetches (src/fleet/mirror.ts): the transports allowed,
   * and configuration passed through the environment only (never written to a config file).
   */
  network?: NetworkAccess;
  /**
   * An object folder of cto's own (objects it wrote for this call, such as the trees of blob pair
   * diffs) that git reads first and would write to, with the repository's object folder behind it as
   * an alternate: git then writes nothing into the repository.
   */
  objects?: { directory: string; alternate: string };
  /**
   * git's cache of inflated delta bases (`core.deltaBaseCacheLimit`, 96 MiB by default, filled as a
   * process runs): smaller for a call that inflates few blobs, whose cache would hold trees it seldom
   * reads again. Unset: git's default, which saves reinflating long delta chains of blobs.
   */
  deltaBaseCacheBytes?: number;
}

export interface NetworkAccess {
  /** Transports git may use (`https`, `ssh`, `file`); every other one, remote helpers included, is refused. */
  protocols: readonly string[];
  /** Configuration for this call only, given as GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n. */
  config?: readonly (readonly [string, string])[];
}

/** The environment of a call: the hardened one, with its own object folder if it has one. */
function callEnv(call: GitCall): NodeJS.ProcessEnv {
  const env = networkEnv(call.network);
  if (call.objects) {
    env.GIT_OBJECT_DIRECTORY = call.objects.directory;
    // A colon separates entries; git reads an entry in double quotes as a C-quoted path.
    const alternate = call.objects.alternate;
    env.GIT_ALTERNATE_OBJECT_DIRECTORIES = /[:"\\]/.test(alternate)
      ? `"${alternate.replace(/[\\"]/g, (c) => `\\${c}`)}"`
      : alternate;
  }
  return env;
}

/** The environment of a fetching call: the hardened one, with the transports and configuration it is given. */
function networkEnv(network: NetworkAccess | undefined): NodeJS.ProcessEnv {
  if (!network) return gitEnv();
  const env: NodeJS.ProcessEnv = {
    ...gitEnv(),
    GIT_ALLOW_PROTOCOL: network.protocols.join(':'),
    GIT_LFS_SKIP_SMUDGE: '1',
    GIT_CONFIG_COUNT: String(network.config?.length ?? 0),
  };
  (network.config ?? []).forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** The folder git runs in: the git directory, or the folder of a `.git` file (linked worktree, submodule). */
export function gitCwd(gitDir: string): string {
  return isDirectory(gitDir) ? gitDir : dirname(gitDir);
}

/** Full argument vector for a call: hardening first, then the command. */
export function gitArgv(call: GitCall): string[] {
  return ['--no-pager', '--no-replace-objects', `--git-dir=${call.gitDir}`, ...GIT_OVERRIDES, ...call.args];
}

export interface GitExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The first 64 KiB of stderr. */
  stderr: string;
  /** The bound that stopped git, or null when it ended by itself. */
  exceeded: BudgetBound | null;
}

export interface GitProcess {
  stdin: Writable;
  /** git's stdout, counted against the output budget; reading it at one's own pace holds git back. */
  stdout: Readable;
  /** Settles when git has ended; rejects (GIT_NOT_FOUND) when git cannot be started. */
  exited: Promise<GitExit>;
  /** Stop git and everything it started: SIGKILL to its whole process group. */
  kill(): void;
  budget: GitBudget;
  /** The process id of git (undefined when it could not be started). */
  pid: number | undefined;
  /** What git has written to stderr so far (its first 64 KiB). */
  stderrText(): string;
}

const STDERR_KEPT = 64 * 1024;
/** Output that `runGit` holds in memory at once: more cannot become a string anyway. */
const BUFFERED_OUTPUT = 512 * 1024 * 1024;
const MIN_PACK_LIMIT = 1024 * 1024;
const OUT_OF_MEMORY_RE = /out of memory|cannot allocate memory|malloc failed|mmap failed/i;

/**
 * Start git under its budget: in its own process group, with kernel limits on address space and
 * CPU time and death with its parent (process-limits.ts), a wall-clock timer and an output count
 * that kill the group.
 */
export function spawnGit(
  call: GitCall,
  options: {
    maxOutput?: number /** Leave stdin open for the caller to write to and end. */;
    openStdin?: boolean;
    /**
     * A file descriptor (of a new, empty file) git writes its output to itself, not passing through
     * this process; the output budget is then the kernel's file-size limit. `stdout` stays empty.
     */
    outputFile?: number;
    /** The program actually started, given git's command line (a shell that runs git many times). */
    command?: (gitArgv: string[]) => string[];
  } = {},
): GitProcess {
  const budget = call.budget ?? currentGitBudget();
  const maxOutput = Math.min(budget.outputBytes, options.maxOutput ?? Number.POSITIVE_INFINITY);
  const toFile = options.outputFile !== undefined;
  const git = ['git', ...packWindows(budget), ...deltaBaseCache(call), ...gitArgv(call)];
  const { command, args } = limitedCommand(options.command ? options.command(git) : git, {
    memoryBytes: budget.memoryBytes,
    cpuSeconds: budget.timeMs / 1000,
    ...(toFile && Number.isFinite(maxOutput) ? { fileBytes: maxOutput } : {}),
  });
  const child = spawn(command, args, {
    cwd: gitCwd(call.gitDir),
    env: callEnv(call),
    stdio: ['pipe', toFile ? (options.outputFile as number) : 'pipe', 'pipe'],
    detached: true, // its own process group, killed as a whole
  });
  let stopped: BudgetBound | null = null;
  const kill = () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const stop = (bound: BudgetBound) => {
    stopped ??= bound;
    kill();
  };
  const timer = setTimeout(() => stop('time'), budget.timeMs);
  let written = 0;
  const stdout = new Transform({
    transform(chunk: Buffer, _enc, done) {
      written += chunk.length;
      if (written > maxOutput) {
        stop('output');
        done();
      } else done(null, chunk);
    },
  });
  if (child.stdout) child.stdout.pipe(stdout);
  else stdout.end();
  const childStdin = child.stdin as Writable; // both pipes, as asked above
  const childStderr = child.stderr as Readable;
  let stderr = '';
  childStderr.on('data', (b: Buffer) => {
    if (stderr.length < STDERR_KEPT) stderr += b.toString('utf8');
  });
  childStdin.on('error', () => {}); // git may exit before reading all its input
  if (!options.openStdin) childStdin.end(call.input);
  const exited = new Promise<GitExit>((resolve, reject) => {
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new CtoError('GIT_NOT_FOUND', `cannot run git: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 127 && /not found|failed to execute|No such file/i.test(stderr)) {
        reject(new CtoError('GIT_NOT_FOUND', `cannot run git: ${stderr.trim().split('\n')[0]}`));
        return;
      }
      resolve({ code, signal, stderr, exceeded: stopped ?? boundFromExit(code, signal, stderr) });
    });
  });
  return { stdin: childStdin, stdout, exited, kill, budget, pid: child.pid, stderrText: () => stderr };
}

/**
 * git maps pack files into its address space in windows (up to 1 GiB each by default): keep the
 * mapped part within a quarter of the memory budget, so that a large pack does not use it up.
 */
function packWindows(budget: GitBudget): string[] {
  const limit = Math.max(MIN_PACK_LIMIT, Math.floor(budget.memoryBytes / 4));
  const window = Math.max(MIN_PACK_LIMIT, Math.min(1024 ** 3, Math.floor(budget.memoryBytes / 16)));
  return ['-c', `core.packedGitLimit=${limit}`, '-c', `core.packedGitWindowSize=${window}`];
}

function deltaBaseCache(call: GitCall): string[] {
  const bytes = call.deltaBaseCacheBytes;
  return bytes === undefined ? [] : ['-c', `core.deltaBaseCacheLimit=${Math.max(0, Math.floor(bytes))}`];
}

/** A bound the kernel enforced: the CPU-time limit (SIGXCPU) or the address-space limit (allocation failed). */
function boundFromExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
): BudgetBound | null {
  if (signal === 'SIGXCPU') return 'time';
  if (signal === 'SIGXFSZ') return 'output';
  if (signal === 'SIGSEGV' || signal === 'SIGBUS' || signal === 'SIGABRT') return 'memory';
  if (code !== 0 && OUT_OF_MEMORY_RE.test(stderr)) return 'memory';
  return null;
}

interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/**
 * Run git to completion and collect its output (at most 512 MiB, within the output budget). Never
 * throws on a non-zero exit (see `gitOk`); throws when git hits a bound of its budget.
 */
export async function runGit(call: GitCall): Promise<GitResult> {
  const git = spawnGit(call, { maxOutput: BUFFERED_OUTPUT });
  const out: Buffer[] = [];
  git.stdout.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve) => git.stdout.on('end', resolve));
  const exit = await git.exited;
  if (exit.exceeded) throw budgetExceeded(call.args[0] ?? '', exit.exceeded, git.budget);
  await ended;
  return { stdout: Buffer.concat(out), stderr: exit.stderr, code: exit.code ?? 128 };
}

/** Run git and return stdout; a non-zero exit becomes a `GitError` naming git's own error line. */
export async function gitOk(call: GitCall): Promise<Buffer> {
  const r = await runGit(call);
  if (r.code !== 0) throw gitFailure(call, r);
  return r.stdout;
}

/** A git process that ended with a non-zero exit: its code and whole stderr, for callers that decide on them. */
class GitError extends CtoError {
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
 * Stream git's stdout chunk by chunk. Ends with an error if git exits non-zero or hits a bound.
 * The consumer's pace is respected: git blocks on a full pipe while a chunk is being handled.
 */
export async function* streamGit(call: GitCall): AsyncGenerator<Buffer> {
  const git = spawnGit(call);
  git.exited.catch(() => {}); // a start failure is thrown below, once
  try {
    for await (const chunk of git.stdout as AsyncIterable<Buffer>) yield chunk;
    const exit = await git.exited;
    if (exit.exceeded) throw budgetExceeded(call.args[0] ?? '', exit.exceeded, git.budget);
    if (exit.code !== 0) throw gitFailure(call, { code: exit.code ?? 128, stderr: exit.stderr });
  } finally {
    git.kill();
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
