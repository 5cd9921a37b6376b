// Memory of this process and of every process it started, from /proc: summed resident sizes (RSS,
// which counts a page shared by several processes once per process) and summed proportional set
// sizes (Pss, which splits a shared page between the processes mapping it, so it is counted once in
// total). Used by bench/scan-stages.ts; small on purpose, as the Pss sampler's worker imports it.
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Resident bytes of a process, from /proc (0 when it has ended). */
function rssOf(pid: number | 'self'): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Children of a process (every thread's), from /proc. */
function childrenOf(pid: number | 'self'): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) for (const c of text.split(' ')) out.push(Number(c));
    }
  } catch {
    // ended while we looked
  }
  return out;
}

/** Proportional set sizes, all and of anonymous memory only (not files mapped, such as packs). */
export interface Pss {
  bytes: number;
  anonBytes: number;
}

/** Proportional set size of a process in bytes, from /proc (0 when it has ended). */
function pssOf(pid: number | 'self'): Pss {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0) * 1024;
    return { bytes: kb(/^Pss:\s+(\d+) kB/m), anonBytes: kb(/^Pss_Anon:\s+(\d+) kB/m) };
  } catch {
    return { bytes: 0, anonBytes: 0 };
  }
}

/** Resident bytes of this process and all its descendants. */
export function treeRss(): number {
  let total = rssOf('self');
  const queue = childrenOf('self');
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    total += rssOf(pid);
    queue.push(...childrenOf(pid));
  }
  return total;
}

/** Proportional bytes (summed Pss, and its anonymous part) of this process and all its descendants. */
export function treePss(): Pss {
  const total = pssOf('self');
  const queue = childrenOf('self');
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    const p = pssOf(pid);
    total.bytes += p.bytes;
    total.anonBytes += p.anonBytes;
    queue.push(...childrenOf(pid));
  }
  return total;
}

/**
 * Samples `treePss` in a worker thread about once a second (each sample at least ten times its own
 * cost after the last), and at once when asked with `now(tag)`; each sample comes back with the tags
 * asked since the last one (the stages that were running when it was asked). Stopped by `terminate()`.
 */
export function pssSampler(onSample: (pss: Pss, tags: string[]) => void): {
  now: (tags: readonly string[]) => void;
  terminate: () => Promise<number>;
} {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let asked = [];
     let wake = null;
     parentPort.on('message', (tags) => {
       asked.push(...tags);
       if (wake) wake();
     });
     (async () => {
       const { treePss } = await import(${JSON.stringify(import.meta.url)});
       for (;;) {
         const t = performance.now();
         const tags = asked;
         asked = [];
         parentPort.postMessage({ pss: treePss(), tags });
         const cost = performance.now() - t;
         await new Promise((r) => {
           const timer = setTimeout(r, Math.max(1000, 10 * cost));
           wake = () => { clearTimeout(timer); wake = null; r(); };
           if (asked.length > 0) wake();
         });
       }
     })();`,
    { eval: true },
  );
  worker.on('message', (m: { pss: Pss; tags: string[] }) => onSample(m.pss, m.tags));
  worker.unref();
  return { now: (tags) => worker.postMessage([...tags]), terminate: () => worker.terminate() };
}
