import { expect, test } from 'vitest';
import { figureValue } from './format.ts';

test('figures read as people read them: percentages, separators, units, singular', () => {
  expect(figureValue({ value: 0.5677966101694916, unit: 'ratio' })).toBe('57%');
  expect(figureValue({ value: 2132 })).toBe('2,132');
  expect(figureValue({ value: 110.64, unit: 'days' })).toBe('111 days');
  expect(figureValue({ value: 12.34, unit: 'days' })).toBe('12.3 days');
  expect(figureValue({ value: 1, unit: 'people' })).toBe('1 person');
  expect(figureValue({ value: 97.5, unit: '%' })).toBe('97.5%');
  expect(figureValue({ value: null })).toBe('n/a');
});
