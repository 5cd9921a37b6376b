// `npm run bench [-- <repository>...]`: benchmarks with ratios against reference tools measured
// in the same run. With no argument, the 100,000-commit synthetic repository is built (once,
// cached under .cto/bench) and measured.
import { resolve } from 'node:path';
import { benchHistory, printHistory } from './history.ts';
import { syntheticRepository } from './synthetic.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
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
for (const t of targets) printHistory(await benchHistory(t));
