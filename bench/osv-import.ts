// OSV feed benchmark (not a test): import the npm and the Go all.zip, against a reference measured in
// the same run (unzip + JSON.parse of every entry, no validation), with peak memory; then match a
// synthetic 2,000-package list against the Go+npm index. Run: `node bench/osv-import.ts [data dir]`.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { importOsvZipBytes } from '../src/feeds/osv/import.ts';
import { matchPackage } from '../src/feeds/osv/match.ts';
import { buildOsvIndex } from '../src/feeds/osv/osv-index.ts';
import type { OsvRecord } from '../src/feeds/osv/record.ts';

const DATA = process.argv[2] ?? '/work/shared/data/osv';
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function reference(bytes: Uint8Array): number {
  const start = process.hrtime.bigint();
  const entries = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
  const decoder = new TextDecoder();
  for (const data of Object.values(entries)) JSON.parse(decoder.decode(data));
  return ms(start);
}

function importOne(ecosystem: string): OsvRecord[] {
  const bytes = readFileSync(`${DATA}/${ecosystem}/all.zip`);
  const refMs = reference(bytes);
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const feed = importOsvZipBytes(`${ecosystem}/all.zip`, bytes);
  const importMs = ms(start);
  const indexStart = process.hrtime.bigint();
  buildOsvIndex(feed.records);
  const indexMs = ms(indexStart);
  console.log(
    `${ecosystem}: ${feed.records.length} records, ${mb(bytes.length)} zip; import ${importMs.toFixed(0)} ms ` +
      `(reference unzip+JSON.parse ${refMs.toFixed(0)} ms, ratio ${(importMs / refMs).toFixed(2)}), ` +
      `index ${indexMs.toFixed(0)} ms, heap +${mb(process.memoryUsage().heapUsed - heapBefore)}`,
  );
  return feed.records;
}

function syntheticPackages(records: OsvRecord[], count: number): [string, string, string][] {
  const known = [
    ...new Map(records.flatMap((r) => r.affected).map((a) => [`${a.ecosystem}/${a.name}`, a])).values(),
  ];
  const out: [string, string, string][] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0 && known.length > 0) {
      const a = known[(i * 7919) % known.length]!;
      const events = a.ranges.flatMap((r) => r.events).filter((e) => e.version !== '0');
      const version = events[i % Math.max(events.length, 1)]?.version ?? '1.0.0';
      out.push([a.ecosystem, a.name, a.ecosystem === 'Go' ? `v${version}` : version]);
    } else {
      out.push([i % 4 === 1 ? 'npm' : 'Go', `synthetic-package-${i}`, `${i % 5}.${i % 7}.${i % 3}`]);
    }
  }
  return out;
}

const records = [...importOne('npm'), ...importOne('Go')];
const index = buildOsvIndex(records);
const packages = syntheticPackages(records, 2000);
const start = process.hrtime.bigint();
let findings = 0;
for (const [ecosystem, name, version] of packages)
  findings += matchPackage(index, ecosystem, name, version).length;
console.log(`match: ${packages.length} packages in ${ms(start).toFixed(0)} ms, ${findings} findings`);
console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
