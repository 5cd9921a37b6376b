// Compares this project's classifier and line counter with cloc on local checkouts (not a test).
// Usage: node bench/languages/compare-cloc.ts <checkout>...   (needs `cloc` on PATH)
// For each checkout: the main language (most code lines among detectable files) and its code lines
// by both tools over the same files (cloc --by-file), then total code over the files both count.
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { analyseFiles, type FileResult, readTrackedFiles } from './repo-files.ts';

interface ClocFile {
  code: number;
  comment: number;
  blank: number;
  language: string;
}

function runCloc(dir: string): Map<string, ClocFile> {
  const json = execFileSync('cloc', ['--vcs=git', '--by-file', '--json', '--quiet'], {
    cwd: dir,
    maxBuffer: 1 << 28,
  }).toString('utf8');
  const parsed = JSON.parse(json) as Record<string, ClocFile>;
  const out = new Map<string, ClocFile>();
  for (const [path, v] of Object.entries(parsed)) {
    if (path !== 'header' && path !== 'SUM') out.set(path.replace(/^\.\//, ''), v);
  }
  return out;
}

function mainLanguage(results: FileResult[]): string {
  const code = new Map<string, number>();
  for (const r of results)
    if (r.detectable && r.language) code.set(r.language, (code.get(r.language) ?? 0) + r.code);
  return [...code].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '-';
}

const pct = (ours: number, theirs: number): string =>
  theirs === 0 ? '-' : `${(((ours - theirs) / theirs) * 100).toFixed(2)}%`;

export function compare(dir: string): string[] {
  const results = analyseFiles(readTrackedFiles(dir));
  const cloc = runCloc(dir);
  const main = mainLanguage(results);
  let mainOurs = 0;
  let mainCloc = 0;
  let totalOurs = 0;
  let totalCloc = 0;
  let shared = 0;
  for (const r of results) {
    const c = cloc.get(r.path);
    if (!c) continue;
    shared++;
    totalOurs += r.code;
    totalCloc += c.code;
    if (r.language === main) {
      mainOurs += r.code;
      mainCloc += c.code;
    }
  }
  const allOurs = results.reduce((s, r) => s + (r.language ? r.code : 0), 0);
  return [
    basename(dir),
    main,
    String(mainOurs),
    String(mainCloc),
    pct(mainOurs, mainCloc),
    String(totalOurs),
    String(totalCloc),
    pct(totalOurs, totalCloc),
    `${shared}/${results.length}`,
    String(allOurs),
  ];
}

const header = [
  'repo',
  'main language',
  'main ours',
  'main cloc',
  'diff',
  'total ours',
  'total cloc',
  'diff',
];
header.push('files (both/ours)', 'ours, all files');
const rows = [header, ...process.argv.slice(2).map(compare)];
const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`);
