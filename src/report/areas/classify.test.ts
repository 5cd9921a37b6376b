import { expect, test } from 'vitest';
import type { ReportFinding } from '../types.ts';
import { rate } from './classify.ts';

const finding = (severity: string) => ({ severity }) as ReportFinding;

test('green needs everything checked: not checked is grey, findings still rate red or amber', () => {
  expect(rate([], true)).toBe('green');
  expect(rate([finding('low')], true, false)).toBe('grey');
  expect(rate([], true, false)).toBe('grey');
  expect(rate([finding('medium')], true, false)).toBe('amber');
  expect(rate([finding('critical')], true, false)).toBe('red');
  expect(rate([], false)).toBe('grey');
});
