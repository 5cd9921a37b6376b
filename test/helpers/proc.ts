// Processes as Linux shows them in /proc: a process and everything below it, their memory, and
// whether a process is gone. For tests that check what a scan leaves running and how much it uses.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Program name (`git`, `node`, ...). */
  comm: string;
  /** Arguments joined by spaces. */
  args: string;
  /** Resident memory now and at its peak (VmHWM), in bytes. */
  rss: number;
  peakRss: number;
}

function read(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return null;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return {
      pid,
      ppid: Number(fields[1]),
      comm: stat.slice(stat.indexOf('(') + 1, close),
      args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim(),
      rss: kib('VmRSS'),
      peakRss: kib('VmHWM'),
    };
  } catch {
    return null;
  }
}

/** `root` and every live process below it. */
export function processTree(root: number): ProcessInfo[] {
  const all: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = read(Number(name));
    if (p) all.push(p);
  }
  const byParent = new Map<number, ProcessInfo[]>();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const self = all.find((p) => p.pid === root);
  const out = self ? [self] : [];
  for (let i = 0; i < out.length; i++) out.push(...(byParent.get((out[i] as ProcessInfo).pid) ?? []));
  return out;
}

/** True once the process has ended (a zombie nobody reaps has ended too). */
export function isGone(pid: number): boolean {
  return read(pid) === null;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
