// Time to classify and count every tracked file of a checkout, against cloc over the same files.
// Usage: node bench/languages/count.ts <checkout>...   (needs `cloc` on PATH; not a test)
// Ours is timed three ways, best of 3 runs each: from the work tree as cloc reads it (git ls-files +
// file reads), the scanner alone over contents already in memory, and from git objects
// (ls-tree + cat-file --batch, as a scan does). cloc is timed once, as a whole process.
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { analyseCommit } from '../../src/analyses/languages/index.ts';
import { analyseFiles, readTrackedFiles } from './repo-files.ts';

async function best(runs: number, f: () => unknown): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    min = Math.min(min, performance.now() - t);
  }
  return min / 1000;
}

function clocSeconds(dir: string): number {
  const t = performance.now();
  execFileSync('cloc', ['--vcs=git', '--quiet', '.'], { cwd: dir, maxBuffer: 1 << 26 });
  return (performance.now() - t) / 1000;
}

async function measure(dir: string): Promise<string[]> {
  const files = readTrackedFiles(dir);
  const megabytes = files.reduce((s, f) => s + f.content.length, 0) / 1e6;
  const worktree = await best(3, () => analyseFiles(readTrackedFiles(dir)));
  const inMemory = await best(3, () => analyseFiles(files));
  const objects = await best(3, () => analyseCommit(join(dir, '.git'), 'HEAD'));
  const cloc = clocSeconds(dir);
  const ratio = (s: number): string => `${(cloc / s).toFixed(1)}x`;
  return [
    basename(dir),
    String(files.length),
    megabytes.toFixed(1),
    cloc.toFixed(2),
    `${worktree.toFixed(3)} (${ratio(worktree)})`,
    `${inMemory.toFixed(3)} (${ratio(inMemory)})`,
    `${objects.toFixed(3)} (${ratio(objects)})`,
  ];
}

const header = [
  'repo',
  'files',
  'MB',
  'cloc s',
  'ours: work tree s',
  'ours: in memory s',
  'ours: git objects s',
];
const rows = [header];
for (const dir of process.argv.slice(2)) rows.push(await measure(dir));
const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`);
