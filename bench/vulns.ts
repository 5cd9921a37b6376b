// Vulnerability feed benchmark (not a test): import OSV all.zip files into a fresh SQLite store
// (time, peak RSS), then match a synthetic 2,000-package npm lockfile (real package names from the
// advisories plus filler) against the loaded feeds, as `cto vulns` does.
// Run: `node bench/vulns.ts [data dir] [ecosystem ...]` (default: npm PyPI Go Maven).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFeedPath } from '../src/feeds/import-path.ts';
import { importOsvZip } from '../src/feeds/osv/import.ts';
import { findVulnerabilities } from '../src/findings/vulnerabilities/find.ts';
import { openStore } from '../src/store/store.ts';
import { buildRepo, cleanupTemp, tempDir } from '../test/helpers/repo-builder.ts';

const DATA = process.argv[2] ?? '/work/shared/data/osv';
const ECOSYSTEMS = process.argv.length > 3 ? process.argv.slice(3) : ['npm', 'PyPI', 'Go', 'Maven'];
const PACKAGES = 2_000;
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const peakMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function lockfile(): Promise<string> {
  const feed = await importOsvZip(join(DATA, 'npm', 'all.zip'));
  const real = new Map<string, string>();
  for (const r of feed.records) {
    for (const a of r.affected) {
      const first = a.ranges[0]?.events.find((e) => e.kind === 'introduced' && e.version !== '0');
      real.set(a.name, first?.version ?? '1.0.0');
    }
  }
  const packages: Record<string, unknown> = { '': { name: 'bench-app', version: '1.0.0' } };
  const names = [...real].slice(0, PACKAGES);
  for (let i = names.length; i < PACKAGES; i++) names.push([`filler-package-${i}`, `1.${i % 50}.0`]);
  for (const [name, version] of names) packages[`node_modules/${name}`] = { version };
  console.log(`lockfile: ${PACKAGES} packages, ${real.size} real names from npm advisories`);
  return JSON.stringify({ name: 'bench-app', lockfileVersion: 3, packages });
}

const ws = tempDir('cto-bench-vulns-');
const db = join(ws, 'cto.db');
const store = await openStore(db);
for (const eco of ECOSYSTEMS) {
  const zip = join(DATA, eco, 'all.zip');
  const start = process.hrtime.bigint();
  const [s] = await importFeedPath(store, zip);
  const size = (readFileSync(zip).length / 1024 / 1024).toFixed(1);
  console.log(
    `import ${eco}: ${s?.records} records (${size} MB zip) in ${ms(start).toFixed(0)} ms; peak RSS so far ${peakMb()} MB`,
  );
}
const repo = buildRepo(join(ws, 'bench-app'), [{ files: { 'package-lock.json': await lockfile() } }]);
const scan = spawnSync(process.execPath, [
  join(import.meta.dirname, '../bin/cto.js'),
  'scan',
  repo,
  '--db',
  db,
  '-w',
  ws,
]);
if (scan.status !== 0) throw new Error(`scan failed: ${scan.stderr}`);
const times: number[] = [];
let findings = 0;
for (let i = 0; i < 5; i++) {
  const start = process.hrtime.bigint();
  const report = await findVulnerabilities(store);
  times.push(ms(start));
  findings = report.findings.length;
}
times.sort((a, b) => a - b);
console.log(
  `match ${PACKAGES} packages: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)}), ${findings} findings; target < 1000 ms`,
);
console.log(`peak RSS ${peakMb()} MB`);
await store.close();
cleanupTemp();
