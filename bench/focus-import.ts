// FOCUS import benchmark (not a test): `cto costs import` of a large synthetic FOCUS 1.0 file made
// from the real sample (its 1,000 rows repeated over 12 months with distinct resource ids), against a
// reference measured in the same run: csv-parse of the same file with nothing checked or stored.
// Prints rows per second, the ratio, and peak RSS. Run: `node bench/focus-import.ts [rows]`.

import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { importFocusFile } from '../src/costs/import.ts';
import { openStore } from '../src/store/store.ts';

const SAMPLE = '/work/shared/data/focus/focus-1.0-sample.csv';
const ROWS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'cto-focus-bench-'));
const file = join(dir, 'focus.csv');
const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

async function generate(): Promise<void> {
  const [header, ...rows] = parseSync(readFileSync(SAMPLE, 'utf8')) as string[][];
  const at = (name: string) => (header as string[]).indexOf(name);
  const out = createWriteStream(file);
  out.write(`${(header as string[]).map(quote).join(',')}\n`);
  for (let i = 0; i < ROWS; i++) {
    const row = [...(rows[i % rows.length] as string[])];
    const month = Math.floor(i / rows.length) % 12;
    const m = (k: number) => `2025-${String(k + 1).padStart(2, '0')}`;
    const next = month === 11 ? '2026-01' : m(month + 1);
    row[at('BillingPeriodStart')] = `${m(month)}-01 00:00:00`;
    row[at('BillingPeriodEnd')] = `${next}-01 00:00:00`;
    row[at('ChargePeriodStart')] = `${m(month)}-15 10:00:00`;
    row[at('ChargePeriodEnd')] = `${m(month)}-15 11:00:00`;
    if (row[at('ResourceId')] !== 'NULL') row[at('ResourceId')] = `${row[at('ResourceId')]}-${i % 5000}`;
    if (!out.write(`${row.map(quote).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function reference(): Promise<number> {
  const start = process.hrtime.bigint();
  let rows = 0;
  for await (const _ of createReadStream(file).pipe(parse({ bom: true }))) rows += 1;
  if (rows !== ROWS + 1) throw new Error(`reference read ${rows} records`);
  return seconds(start);
}

await generate();
console.log(`synthetic FOCUS file: ${ROWS.toLocaleString('en-US')} rows, ${mb(statSync(file).size)}`);
const refSeconds = await reference();
const store = await openStore(join(dir, 'cto.db'));
const rssBefore = process.memoryUsage().rss;
const start = process.hrtime.bigint();
const summary = await importFocusFile(store, file);
const importSeconds = seconds(start);
await store.close();
const rate = (s: number) => Math.round(ROWS / s).toLocaleString('en-US');
console.log(`reference csv-parse only: ${refSeconds.toFixed(1)} s, ${rate(refSeconds)} rows/s`);
console.log(
  `cto costs import: ${importSeconds.toFixed(1)} s, ${rate(importSeconds)} rows/s, ${summary.lines.toLocaleString('en-US')} lines stored`,
);
console.log(`ratio import / reference: ${(importSeconds / refSeconds).toFixed(2)}`);
console.log(`RSS before import ${mb(rssBefore)}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
rmSync(dir, { recursive: true, force: true });
