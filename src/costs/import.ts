// `cto costs import`: stream a FOCUS CSV export (plain or gzip), check every row, sum its charges per
// month and allocation dimension, and replace the billing periods it holds in one transaction. A file
// with the same bytes as an active import changes nothing (docs/costs.md#import).
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { CtoError } from '../errors.ts';
import {
  activeCostImport,
  type CostImportMeta,
  type CostLine,
  type CostPeriod,
  replaceCostPeriods,
} from '../store/costs.ts';
import type { Store } from '../store/store.ts';
import { columnPositions, type FocusCharge, RowProblem, readCharge } from './focus.ts';
import { formatAmount } from './money.ts';

export interface CostImportSummary extends CostImportMeta {
  /** `unchanged`: the same bytes are already the active import of their periods. */
  status: 'imported' | 'unchanged';
  /** Lines stored (charges summed per month and dimension). */
  lines: number;
  /** Earlier imports whose periods this one replaced entirely. */
  replaced: number;
}

interface Line {
  charge: FocusCharge;
  rows: number;
  billed: bigint;
  effective: bigint;
}

/** What the file holds once read: lines per dimension key, periods, totals per currency. */
interface Read {
  sha256: string;
  rows: number;
  lines: Map<string, Line>;
  periods: Map<string, CostPeriod>;
  totals: Map<string, { billed: bigint; effective: bigint }>;
}

function lineKey(c: FocusCharge): string {
  return [
    c.billingAccountId,
    c.periodStart,
    c.periodEnd,
    c.month,
    c.currency,
    c.provider,
    c.service,
    c.serviceCategory,
    c.chargeCategory,
    c.subAccountId,
    c.subAccountName,
    c.resourceId,
    c.tags,
  ].join('\u0000');
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Passes bytes through unchanged, hashing them. */
class Hasher extends Transform {
  readonly hash = createHash('sha256');
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }
}

function add(read: Read, c: FocusCharge): void {
  const key = lineKey(c);
  const line = read.lines.get(key);
  if (line) {
    line.rows += 1;
    line.billed += c.billed;
    line.effective += c.effective;
  } else {
    read.lines.set(key, { charge: c, rows: 1, billed: c.billed, effective: c.effective });
  }
  const periodKey = `${c.billingAccountId}\u0000${c.periodStart}`;
  const period = read.periods.get(periodKey);
  if (period && period.end !== c.periodEnd) {
    throw new Error(
      `billing period starting ${c.periodStart} of account ${c.billingAccountId} ends on both ${period.end} and ${c.periodEnd}`,
    );
  }
  if (!period)
    read.periods.set(periodKey, { account: c.billingAccountId, start: c.periodStart, end: c.periodEnd });
  const total = read.totals.get(c.currency) ?? { billed: 0n, effective: 0n };
  total.billed += c.billed;
  total.effective += c.effective;
  read.totals.set(c.currency, total);
}

/** Streams and checks the whole file; throws COSTS_INVALID naming the row and column of the first problem. */
async function readFocusFile(path: string): Promise<Read> {
  const hasher = new Hasher();
  const source = createReadStream(path);
  const gunzip = isGzip(path) ? createGunzip() : null;
  const parser = (gunzip ? source.pipe(gunzip) : source)
    .pipe(hasher)
    .pipe(parse({ bom: true, info: true, skip_empty_lines: true }));
  const fail = (message: string, cause?: unknown): never => {
    parser.destroy();
    throw new CtoError('COSTS_INVALID', `${path}: ${message}`, { cause });
  };
  // Errors of the file, gzip and hashing streams surface through the parser's iteration.
  const streams: NodeJS.EventEmitter[] = [source, hasher, ...(gunzip ? [gunzip] : [])];
  for (const s of streams) s.on('error', (e: Error) => parser.destroy(e));
  const read: Read = { sha256: '', rows: 0, lines: new Map(), periods: new Map(), totals: new Map() };
  let positions: ReturnType<typeof columnPositions> | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (positions === null) {
        positions = columnPositions(record);
        if (Array.isArray(positions)) fail(`not a FOCUS export: the header lacks ${positions.join(', ')}`);
        continue;
      }
      read.rows += 1;
      try {
        add(read, readCharge(record, positions as Exclude<typeof positions, string[]>, read.rows));
      } catch (e) {
        if (e instanceof RowProblem) fail(`${e.message} (line ${info.lines})`, e);
        fail(`row ${read.rows} (line ${info.lines}): ${(e as Error).message}`, e);
      }
    }
  } catch (e) {
    if (e instanceof CtoError) throw e;
    fail((e as Error).message, e);
  }
  if (positions === null) fail('the file is empty');
  if (read.rows === 0) fail('the file holds a header but no charges');
  read.sha256 = hasher.hash.digest('hex');
  return read;
}

function storedLines(read: Read): CostLine[] {
  return [...read.lines.values()].map(({ charge: c, rows, billed, effective }) => ({
    billing_account_id: c.billingAccountId,
    period_start: c.periodStart,
    period_end: c.periodEnd,
    month: c.month,
    currency: c.currency,
    provider: c.provider,
    service: c.service,
    service_category: c.serviceCategory,
    charge_category: c.chargeCategory,
    sub_account_id: c.subAccountId,
    sub_account_name: c.subAccountName,
    resource_id: c.resourceId,
    tags: c.tags,
    rows,
    billed: formatAmount(billed),
    effective: formatAmount(effective),
  }));
}

/** Imports one FOCUS file: nothing is written unless every row is valid. */
export async function importFocusFile(store: Store, file: string): Promise<CostImportSummary> {
  const path = resolve(file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CtoError('PATH_NOT_FOUND', `${file} does not exist or cannot be read`);
  }
  if (size === 0) throw new CtoError('COSTS_INVALID', `${path}: the file is empty`);
  if (/\.parquet$/i.test(path)) {
    throw new CtoError('COSTS_INVALID', `${path}: Parquet is not read; export FOCUS as CSV (plain or .gz)`);
  }
  const read = await readFocusFile(path);
  const meta: CostImportMeta = {
    source: path,
    sha256: read.sha256,
    rows: read.rows,
    periods: [...read.periods.values()].sort((a, b) =>
      a.account === b.account ? a.start.localeCompare(b.start) : a.account.localeCompare(b.account),
    ),
    totals: Object.fromEntries(
      [...read.totals].map(([cur, t]) => [
        cur,
        { billed: formatAmount(t.billed), effective: formatAmount(t.effective) },
      ]),
    ),
  };
  const lines = storedLines(read);
  const active = await activeCostImport(store, read.sha256);
  if (active) return { ...meta, status: 'unchanged', lines: lines.length, replaced: 0 };
  const { replaced } = await replaceCostPeriods(store, meta, lines);
  return { ...meta, status: 'imported', lines: lines.length, replaced };
}
