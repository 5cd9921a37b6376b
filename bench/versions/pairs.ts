// Pairs of versions to order (not a test): for one ecosystem of the OSV data, every version named by a
// record (listed or in a range event) grouped by package, and for each package its neighbours in text
// order plus up to 300 pairs picked with a fixed seed. Prints `a<TAB>b` lines.
// Run: `node bench/versions/pairs.ts <ecosystem> [data dir] > pairs.tsv`.
import { importOsvZip } from '../../src/feeds/osv/import.ts';

const [ecosystem = 'PyPI', data = '/work/shared/data/osv'] = process.argv.slice(2);
const feed = await importOsvZip(`${data}/${ecosystem}/all.zip`);
const byPackage = new Map<string, Set<string>>();
for (const record of feed.records) {
  for (const a of record.affected) {
    if (a.ecosystem.split(':')[0] !== ecosystem) continue;
    const versions = byPackage.get(a.name) ?? new Set<string>();
    for (const v of a.versions) versions.add(v);
    for (const e of a.ranges.flatMap((r) => r.events))
      if (e.version !== '0' && e.version !== '*') versions.add(e.version);
    byPackage.set(a.name, versions);
  }
}
let seed = 2026;
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pairs = new Set<string>();
for (const versions of byPackage.values()) {
  const list = [...versions].filter((v) => !/[\t\n]/.test(v)).sort();
  for (let i = 0; i + 1 < list.length; i++) pairs.add(`${list[i]}\t${list[i + 1]}`);
  for (let i = 0; i < Math.min(300, list.length * list.length); i++) {
    pairs.add(`${list[random(list.length)]}\t${list[random(list.length)]}`);
  }
}
process.stdout.write(`${[...pairs].join('\n')}\n`);
