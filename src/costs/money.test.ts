import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatAmount, parseAmount, roundAmount, SCALE, splitAmount } from './money.ts';

describe('exact amounts', () => {
  test('decimal texts parse to units of 10^-18 and format back', () => {
    expect(parseAmount('0.00000080000')).toBe(800_000_000_000n);
    expect(parseAmount('-12.5')).toBe(-12_500_000_000_000_000_000n);
    expect(parseAmount('1.2E-5')).toBe(12_000_000_000_000n);
    expect(parseAmount('3e2')).toBe(300n * 10n ** 18n);
    expect(formatAmount(parseAmount('20.520226728990') as bigint)).toBe('20.52022672899');
    expect(formatAmount(parseAmount('-0.0000008') as bigint)).toBe('-0.0000008');
    expect(formatAmount(0n)).toBe('0');
  });

  test('what is not an exact decimal is refused with a reason', () => {
    expect(parseAmount('12,5')).toBe('"12,5" is not a decimal number');
    expect(parseAmount('')).toBe('"" is not a decimal number');
    expect(parseAmount('NaN')).toBe('"NaN" is not a decimal number');
    expect(parseAmount(`0.${'1'.repeat(SCALE + 1)}`)).toMatch(/more than 18 decimal places/);
  });

  test('rounding to cents is half away from zero', () => {
    const r = (t: string) => roundAmount(parseAmount(t) as bigint);
    expect(r('20.52022672899')).toBe('20.52');
    expect(r('14.97651418586')).toBe('14.98');
    expect(r('0.005')).toBe('0.01');
    expect(r('-0.005')).toBe('-0.01');
    expect(r('-0.004')).toBe('0.00');
    expect(roundAmount(parseAmount('1234.5') as bigint, 0)).toBe('1235');
  });

  test('formatting then parsing gives the same units', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (u) => {
        expect(parseAmount(formatAmount(u))).toBe(u);
      }),
    );
  });

  test('a split always sums to the amount, and follows the weights to within one unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
        fc
          .array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0n)),
        (amount, weights) => {
          const shares = splitAmount(amount, weights);
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0n);
          shares.forEach((s, i) => {
            const exact = amount * (weights[i] as bigint);
            const diff = s * total - exact;
            expect(diff <= total && diff >= -total).toBe(true);
          });
        },
      ),
    );
    expect(splitAmount(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
  });
});
