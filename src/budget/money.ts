// Money with its ISO 4217 currency, on the exact decimals of src/costs/money.ts. Amounts are never
// converted between currencies: totals are kept per currency, and JSON carries amounts as decimal strings.
import { parseAmount, roundAmount } from '../costs/money.ts';

export interface Money {
  /** An exact decimal as text (`"48000.00"`); never a float. */
  amount: string;
  /** ISO 4217 code, upper case (`EUR`). */
  currency: string;
}

export const CURRENCY_RE = /^[A-Z]{3}$/;

/** A decimal amount as text: digits with an optional sign and fraction (`1200`, `99.95`). */
export const AMOUNT_RE = /^-?\d+(\.\d+)?$/;

/** Exact units of an amount already checked against AMOUNT_RE. */
export function units(amount: string): bigint {
  const u = parseAmount(amount);
  if (typeof u === 'string') throw new Error(u);
  return u;
}

/** Amounts per currency, currencies in alphabetical order, to the cent; zero totals are kept. */
export function totalsByCurrency(items: readonly Money[]): Money[] {
  const sums = new Map<string, bigint>();
  for (const m of items) sums.set(m.currency, (sums.get(m.currency) ?? 0n) + units(m.amount));
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sum]) => ({ amount: roundAmount(sum, 2), currency }));
}

/** `48,000 EUR` for people: whole units, thousands separated (exact amounts stay in --json). */
export function formatMoney(m: Money, places = 0): string {
  const [whole = '0', fraction] = roundAmount(units(m.amount), places).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''} ${m.currency}`;
}

/** Several currencies on one line: `48,000 EUR + 12,000 USD`; `none` when empty. */
export function formatTotals(totals: readonly Money[]): string {
  return totals.length === 0 ? 'none' : totals.map((t) => formatMoney(t)).join(' + ');
}
