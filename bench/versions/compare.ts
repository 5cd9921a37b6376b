// Agreement of cto's version order with a reference tool's (not a test): `pairs.tsv` holds `a<TAB>b`
// lines, `reference.tsv` the tool's output for the same lines (its first column, or the one given, is
// -1, 0, 1 or `-` for pairs the tool cannot read). Pairs cto cannot read are counted apart.
// Run: `node bench/versions/compare.ts <ecosystem> pairs.tsv reference.tsv [column]`.
import { readFileSync } from 'node:fs';
import { compareVersions, isValidVersion } from '../../src/versions/index.ts';

const [ecosystem = 'PyPI', pairsFile = '', referenceFile = '', column = '0'] = process.argv.slice(2);
const lines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
const pairs = lines(pairsFile);
const reference = lines(referenceFile).map((l) => l.split('\t')[Number(column)]);
let compared = 0;
let agreed = 0;
let unreadable = 0;
const differences: string[] = [];
pairs.forEach((line, i) => {
  const [a = '', b = ''] = line.split('\t');
  const expected = reference[i];
  if (expected === undefined || !/^-?[01]$/.test(expected)) return;
  if (!isValidVersion(ecosystem, a) || !isValidVersion(ecosystem, b)) {
    unreadable++;
    return;
  }
  compared++;
  const got = compareVersions(ecosystem, a, b);
  if (got === Number(expected)) agreed++;
  else differences.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: reference ${expected}, cto ${got}`);
});
const rate = compared === 0 ? '-' : `${((agreed / compared) * 100).toFixed(3)}%`;
console.log(
  `${ecosystem}: ${agreed} of ${compared} pairs agree (${rate}); ${unreadable} pairs cto cannot read`,
);
for (const d of differences.slice(0, 20)) console.log(`  ${d}`);
