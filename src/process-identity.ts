// Whether a process named by its pid still runs, on this host. A pid alone is not an identity: the
// system reuses it, so where it can (Linux's /proc) a holder also records when its process started,
// and a pid that now names a process started at another time counts as gone.
import { readFileSync } from 'node:fs';

/** Whether a process with this pid exists (EPERM: it does, another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started, in clock ticks since boot (Linux `/proc/<pid>/stat`); null elsewhere. */
export function processStarted(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return started && /^\d+$/.test(started) ? started : null;
  } catch {
    return null;
  }
}

/**
 * Whether the process recorded as `pid`, started at `started` (null: not recorded), still runs: its
 * pid exists and, where both start times are known, they are equal.
 */
export function processRunning(pid: number, started: string | null): boolean {
  if (!processAlive(pid)) return false;
  if (started === null) return true;
  const now = processStarted(pid);
  return now === null || now === started;
}
