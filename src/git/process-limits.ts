// How a git process is started under its limits on this machine. The kernel enforces them, so
// they hold even when the `cto` process is gone:
//
// - util-linux `setpriv --pdeathsig KILL`: git gets SIGKILL when the process that started it dies
//   (a `kill -9` of cto leaves no git behind). Absent (not Linux): git lives on until its limits
//   stop it or it writes to the closed pipe.
// - util-linux `prlimit --as= --cpu=`: an address-space limit (malloc fails, git stops with "out of
//   memory") and a CPU-time limit (SIGXCPU); for git writing straight to a file, a file-size limit
//   (`--fsize`, SIGXFSZ). Absent: the same limits through `sh -c 'ulimit -v -t -f'`; where the
//   shell cannot set them either, git runs with the time and output bounds only.
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Launcher {
  setpriv: boolean;
  prlimit: boolean;
}

interface ProcessLimits {
  memoryBytes: number;
  cpuSeconds: number;
  /** The largest file the process may write (its output when stdout is a file); unbounded when absent. */
  fileBytes?: number;
}

const detected = new Map<string, Launcher>();

/** Which helpers are on `PATH` (looked up once per value of PATH). */
function detectLauncher(path: string = process.env.PATH ?? '/usr/bin:/bin'): Launcher {
  let found = detected.get(path);
  if (!found) {
    found = { setpriv: onPath('setpriv', path), prlimit: onPath('prlimit', path) };
    detected.set(path, found);
  }
  return found;
}

/**
 * The command and arguments that run `argv` (a program and its arguments) under `limits`,
 * clamped to the hard limits this process already has (a lower limit cannot be raised).
 */
export function limitedCommand(
  argv: readonly string[],
  limits: ProcessLimits,
  launcher: Launcher = detectLauncher(),
): { command: string; args: string[] } {
  const hard = hardLimits();
  const as = Math.max(1, Math.floor(Math.min(limits.memoryBytes, hard.memoryBytes)));
  const cpu = Math.max(1, Math.ceil(Math.min(limits.cpuSeconds, hard.cpuSeconds)));
  const file = limits.fileBytes === undefined ? undefined : Math.max(1, Math.floor(limits.fileBytes));
  // POSIX counts `ulimit -f` in blocks of 512 bytes.
  const fileLimit =
    file === undefined ? '' : ` ulimit -f ${Math.max(1, Math.floor(file / 512))} 2>/dev/null;`;
  const limited = launcher.prlimit
    ? [
        'prlimit',
        `--as=${as}`,
        `--cpu=${cpu}`,
        ...(file === undefined ? [] : [`--fsize=${file}`]),
        '--',
        ...argv,
      ]
    : [
        'sh',
        '-c',
        `ulimit -v ${Math.max(1, Math.floor(as / 1024))} 2>/dev/null; ulimit -t ${cpu} 2>/dev/null;${fileLimit} exec "$@"`,
        'cto-git',
        ...argv,
      ];
  const full = launcher.setpriv ? ['setpriv', '--pdeathsig', 'KILL', '--', ...limited] : limited;
  return { command: full[0] as string, args: full.slice(1) };
}

let hardCache: ProcessLimits | undefined;

/** This process's hard limits from /proc (Linux); unlimited where unknown. */
function hardLimits(): ProcessLimits {
  if (hardCache) return hardCache;
  hardCache = { memoryBytes: Number.POSITIVE_INFINITY, cpuSeconds: Number.POSITIVE_INFINITY };
  try {
    const text = readFileSync('/proc/self/limits', 'utf8');
    const hardOf = (name: string) => {
      const m = new RegExp(`^${name}\\s+\\S+\\s+(\\S+)`, 'm').exec(text);
      return m && /^\d+$/.test(m[1] as string) ? Number(m[1]) : Number.POSITIVE_INFINITY;
    };
    hardCache = { memoryBytes: hardOf('Max address space'), cpuSeconds: hardOf('Max cpu time') };
  } catch {
    // not Linux: nothing to clamp to
  }
  return hardCache;
}

function onPath(program: string, path: string): boolean {
  return path.split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
