import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import {
  FOCUS_SAMPLE,
  SAMPLE_BILLED,
  SAMPLE_EFFECTIVE,
  sampleTable,
  writeFocus,
} from '../../test/fixtures/costs/focus.ts';
import { cleanupTemp } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { CtoError } from '../errors.ts';
import { costLines, listCostImports } from '../store/costs.ts';
import { openStore, type Store } from '../store/store.ts';
import { importFocusFile } from './import.ts';
import { formatAmount, parseAmount } from './money.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

async function failure(run: () => Promise<unknown>): Promise<CtoError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof CtoError) return e;
    throw e;
  }
  throw new Error('expected a CtoError');
}

const units = (text: string) => parseAmount(text) as bigint;

/** Stored totals: the exact sums of every stored line. */
async function storedTotals(store: Store): Promise<{ billed: string; effective: string; rows: number }> {
  const lines = await costLines(store);
  return {
    billed: formatAmount(lines.reduce((s, l) => s + units(l.billed), 0n)),
    effective: formatAmount(lines.reduce((s, l) => s + units(l.effective), 0n)),
    rows: lines.reduce((s, l) => s + l.rows, 0),
  };
}

describe.each(ENGINES)('FOCUS import on %s', (engine) => {
  test('the sample is stored exactly: totals equal the sums computed outside cto', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      const s = await importFocusFile(store, FOCUS_SAMPLE);
      expect(s.status).toBe('imported');
      expect(s.rows).toBe(1000);
      expect(s.totals).toEqual({ USD: { billed: SAMPLE_BILLED, effective: SAMPLE_EFFECTIVE } });
      expect(await storedTotals(store)).toEqual({
        billed: SAMPLE_BILLED,
        effective: SAMPLE_EFFECTIVE,
        rows: 1000,
      });
      const providers = new Set((await costLines(store)).map((l) => l.provider));
      expect([...providers].sort()).toEqual(['AWS', 'Microsoft', 'Oracle']);
    } finally {
      await store.close();
    }
  });

  test('the same file twice changes nothing, plain or gzip; a corrected export replaces its period', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      await importFocusFile(store, FOCUS_SAMPLE);
      const gz = writeFocus(['x'], [], 'sample.csv.gz');
      writeFileSync(gz, gzipSync(readFileSync(FOCUS_SAMPLE)));
      const again = await importFocusFile(store, gz);
      expect(again.status).toBe('unchanged');
      expect(await listCostImports(store, true)).toHaveLength(1);

      // A corrected AWS export for 2024-09: only that account's period, every BilledCost set to 1.
      const { header, rows } = sampleTable();
      const col = (name: string) => header.indexOf(name);
      const aws = rows.filter(
        (r) =>
          r[col('BillingAccountId')] === '1234567890123' &&
          r[col('BillingPeriodStart')]?.startsWith('2024-09'),
      );
      const corrected = aws.map((r) => r.map((v, i) => (i === col('BilledCost') ? '1' : v)));
      const s = await importFocusFile(store, writeFocus(header, corrected));
      expect(s.status).toBe('imported');
      expect(s.periods).toEqual([{ account: '1234567890123', start: '2024-09-01', end: '2024-10-01' }]);
      const others = rows.filter((r) => !aws.includes(r));
      const othersBilled = others.reduce((sum, r) => sum + units(r[col('BilledCost')] as string), 0n);
      const totals = await storedTotals(store);
      expect(totals.rows).toBe(1000);
      expect(totals.billed).toBe(formatAmount(othersBilled + BigInt(aws.length) * units('1')));
      // The sample's import keeps the other periods, so it stays active beside the correction.
      expect((await listCostImports(store)).map((i) => i.status)).toEqual(['active', 'active']);
      // Importing the original again brings its AWS period back.
      expect((await importFocusFile(store, FOCUS_SAMPLE)).status).toBe('imported');
      expect((await storedTotals(store)).billed).toBe(SAMPLE_BILLED);
      expect((await listCostImports(store)).length).toBe(1);
    } finally {
      await store.close();
    }
  });

  test('a bad row names its row and column and leaves the stored costs as they were', async () => {
    const store = await openStore(freshStoreTarget(engine));
    try {
      await importFocusFile(store, FOCUS_SAMPLE);
      const { header, rows } = sampleTable();
      const bad = rows.map((r, i) =>
        i === 499 ? r.map((v, c) => (c === header.indexOf('BilledCost') ? '12,5' : v)) : r,
      );
      const e = await failure(() => importFocusFile(store, writeFocus(header, bad)));
      expect(e.code).toBe('COSTS_INVALID');
      expect(e.message).toContain('row 500, column BilledCost: "12,5" is not a decimal number');
      const noCurrency = rows.map((r, i) =>
        i === 9 ? r.map((v, c) => (c === header.indexOf('BillingCurrency') ? '' : v)) : r,
      );
      const e2 = await failure(() => importFocusFile(store, writeFocus(header, noCurrency)));
      expect(e2.message).toContain('row 10, column BillingCurrency: is empty');
      const badTags = rows.map((r, i) =>
        i === 0 ? r.map((v, c) => (c === header.indexOf('Tags') ? '{"a":' : v)) : r,
      );
      expect((await failure(() => importFocusFile(store, writeFocus(header, badTags)))).message).toContain(
        'row 1, column Tags: is not a JSON object',
      );
      const drop = header.indexOf('EffectiveCost');
      const withoutColumn = writeFocus(
        header.filter((_, i) => i !== drop),
        rows.map((r) => r.filter((_, i) => i !== drop)),
      );
      expect((await failure(() => importFocusFile(store, withoutColumn))).message).toContain(
        'not a FOCUS export: the header lacks EffectiveCost',
      );
      const brokenGzip = writeFocus(['x'], [], 'broken.csv.gz');
      writeFileSync(brokenGzip, gzipSync(readFileSync(FOCUS_SAMPLE)).subarray(0, 4000));
      const e3 = await failure(() => importFocusFile(store, brokenGzip));
      expect(e3.code).toBe('COSTS_INVALID');
      expect(e3.message).toContain('broken.csv.gz');
      const parquet = writeFocus(header, rows.slice(0, 3), 'export.parquet');
      expect((await failure(() => importFocusFile(store, parquet))).message).toContain('Parquet is not read');
      expect(await storedTotals(store)).toEqual({
        billed: SAMPLE_BILLED,
        effective: SAMPLE_EFFECTIVE,
        rows: 1000,
      });
      expect(await listCostImports(store, true)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
