// Version order against OSV's own data (not a test): for each ecosystem's all.zip, range evaluation is
// checked against the `versions` lists the records publish (every listed version inside the ranges,
// other known versions of the package outside). Prints agreement, the versions our rules cannot read
// and the ranges left unevaluated. Run: `node bench/osv-agreement.ts [data dir] [ecosystem...]`.
import { existsSync } from 'node:fs';
import { rangeAgreement } from '../src/feeds/osv/agreement.ts';
import { importOsvZip } from '../src/feeds/osv/import.ts';
import { buildOsvIndex } from '../src/feeds/osv/osv-index.ts';

const DATA = process.argv[2] ?? '/work/shared/data/osv';
const ALL = ['npm', 'PyPI', 'Maven', 'RubyGems', 'Packagist', 'NuGet', 'crates.io', 'Go'];
const chosen = process.argv.slice(3);
const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((n / d) * 100).toFixed(2)}%`);

console.log('| ecosystem | checked | agree | rate | unreadable versions | unevaluated ranges |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const ecosystem of chosen.length > 0 ? chosen : ALL) {
  const file = `${DATA}/${ecosystem}/all.zip`;
  if (!existsSync(file)) continue;
  const index = buildOsvIndex((await importOsvZip(file)).records);
  const entries = [...index.byPackage.values()].flat();
  const ranges = entries.reduce((n, e) => n + e.sortedRanges.length + e.unreadableRanges, 0);
  const unevaluated = entries.reduce((n, e) => n + e.unreadableRanges, 0);
  const r = rangeAgreement(index, ecosystem);
  console.log(
    `| ${ecosystem} | ${r.checked} | ${r.agreed} | ${pct(r.agreed, r.checked)} | ${r.unreadable} | ` +
      `${unevaluated} of ${ranges} |`,
  );
  for (const d of r.disagreements.slice(0, Number(process.env.SHOW ?? 0))) {
    console.error(`  ${ecosystem} ${d.id} ${d.package}@${d.version}: expected ${d.expected}`);
  }
}
