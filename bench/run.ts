// `npm run bench [-- <repository>...]`: benchmarks with ratios against reference tools measured
// in the same run. With no argument, the 100,000-commit synthetic repository is built (once,
// cached under .cto/bench) and measured.
// `npm run bench -- --full <repository>...`: the first full scan, per stage and analysis, against
// `git log --numstat --find-renames` (bench/full-scan.ts).
import { resolve } from 'node:path';
import { benchFullScan, printFullScan } from './full-scan.ts';
import { benchHistory, printHistory } from './history.ts';
import { syntheticRepository } from './synthetic.ts';

const ROOT = resolve(import.meta.dirname, '..');
const full = process.argv.includes('--full');
const args = process.argv.slice(2).filter((a) => a !== '--full');
if (full && args.length === 0) throw new Error('usage: npm run bench -- --full <repository>...');
const targets = args.length > 0 ? args.map((a) => resolve(a)) : [];
if (targets.length === 0) {
  const started = Date.now();
  const repo = await syntheticRepository(resolve(ROOT, '.cto/bench'), {
    commits: 100_000,
    files: 5_000,
    authors: 60,
  });
  console.log(`synthetic repository ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${repo}`);
  targets.push(repo);
}
if (full) printFullScan(await benchFullScan(targets));
else for (const t of targets) printHistory(await benchHistory(t));
