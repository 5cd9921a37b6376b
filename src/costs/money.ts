// Money as exact decimals: amounts are BigInt counts of 10^-SCALE units of the billing currency, so
// millions of rows sum without a rounding error. Never a JavaScript number on the way in or while summing.

/** Decimal places kept: every FOCUS amount with up to this many is held exactly. */
export const SCALE = 18;
const ONE = 10n ** BigInt(SCALE);

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

/**
 * A decimal text (`12.5`, `-0.00000080000`, `1.2E-5`) as units of 10^-18, or a reason it is not one:
 * not a number, or more decimal places than are kept exactly.
 */
export function parseAmount(text: string): bigint | string {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return `"${text}" is not a decimal number`;
  const [, sign, whole = '', fraction = '', exponent] = m;
  let digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  let places = fraction.length - Number(exponent ?? 0);
  const trimmed = digits.replace(/0+$/, '');
  places -= digits.length - trimmed.length;
  digits = trimmed === '' ? '0' : trimmed;
  if (places > SCALE) return `"${text}" has more than ${SCALE} decimal places`;
  const units = BigInt(digits) * 10n ** BigInt(SCALE - places);
  return sign === '-' ? -units : units;
}

/** Units of 10^-18 as a plain decimal text with no trailing zeros (`-0.0000008`, `20.52022672899`). */
export function formatAmount(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Rounded to `places` decimals, half away from zero, as text with exactly that many (`20.52`). */
export function roundAmount(units: bigint, places = 2): string {
  const step = 10n ** BigInt(SCALE - places);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  let rounded = abs / step;
  if ((abs % step) * 2n >= step) rounded += 1n;
  const text = rounded.toString().padStart(places + 1, '0');
  const body = places > 0 ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
  return negative && rounded !== 0n ? `-${body}` : body;
}

/**
 * Splits an amount by weights exactly: each share is the floor of its part, and the units left over go
 * one each to the largest remainders (then the earliest), so the shares always sum to the amount.
 */
export function splitAmount(units: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total <= 0n) throw new Error('splitAmount needs a positive total weight');
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const shares = weights.map((w) => (abs * w) / total);
  const remainders = weights.map((w, i) => ({ i, r: (abs * w) % total }));
  let left = abs - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    left -= 1n;
  }
  return negative ? shares.map((s) => -s) : shares;
}
