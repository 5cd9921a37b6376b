// Preloaded into a measured cto process (`node --import`): writes its own peak RSS (bytes) on exit.
import { writeFileSync } from 'node:fs';

const out = process.env.CTO_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS * 1024)));
}
