// Processes as Linux shows them in /proc: to check that a query process or a server query is gone.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  cmdline: string;
}

/** Live processes (zombies left out) whose command line contains `needle`. */
export function processesMatching(needle: string): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const state = fields[0] ?? '';
      if (state === 'Z' || !cmdline.includes(needle)) continue;
      out.push({ pid: Number(name), ppid: Number(fields[1]), state, cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** Poll `check` until it returns true, or fail after `ms` with `what`. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 20_000,
): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`still waiting after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
