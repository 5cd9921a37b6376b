// Exact order of numeric version parts of any length: no Number() (which rounds above 2^53) and no
// fixed-width integers (Maven's 32/64-bit split, PHP's strtol saturating at 2^63-1). Numbers are
// compared as digit strings: leading zeros dropped, then the longer is larger, then text order.

/** The digits of a run of ASCII digits without leading zeros ("" stands for zero). */
function significant(digits: string): string {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 48) i++;
  return digits.slice(i);
}

/** Compares two runs of ASCII digits by value: -1, 0 or 1. */
export function compareDigits(a: string, b: string): number {
  const x = significant(a);
  const y = significant(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The run without leading zeros, as written in a canonical form ("007" -> "7", "000" -> "0"). */
export function canonicalDigits(digits: string): string {
  return significant(digits) || '0';
}

/** Java/C-style comparison of two strings by UTF-16 code units (what `<` does): -1, 0 or 1. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
