import { expect, test } from 'vitest';
import type { ReportFinding } from '../types.ts';
import {
  bySeverity,
  loweredFindings,
  rate,
  ratedSeverity,
  severityCell,
  severityCounts,
} from './classify.ts';

const finding = (severity: string) => ({ severity }) as ReportFinding;

test('green needs everything checked: not checked is grey, findings still rate red or amber', () => {
  expect(rate([], true)).toBe('green');
  expect(rate([finding('low')], true, false)).toBe('grey');
  expect(rate([], true, false)).toBe('grey');
  expect(rate([finding('medium')], true, false)).toBe('amber');
  expect(rate([finding('critical')], true, false)).toBe('red');
  expect(rate([], false)).toBe('grey');
});

test('a finding weighs in the rating by its exposure: a development tool past end of life does not make an area red', () => {
  const at = (severity: string, exposure: ReportFinding['exposure']) =>
    ({ severity, exposure }) as ReportFinding;
  // Three high findings at runtime: red. The same three in development tools weigh as low: green.
  expect(rate([at('high', 'runtime'), at('high', 'runtime'), at('high', 'runtime')], true)).toBe('red');
  expect(rate([at('high', 'development'), at('high', 'development'), at('high', 'development')], true)).toBe(
    'green',
  );
  // Unknown exposure (analysis findings) counts as runtime.
  expect(ratedSeverity(at('high', undefined))).toBe('high');
  // Severity x exposure weight (docs/risk.md), the nearest severity, never higher than its own.
  expect(ratedSeverity(at('high', 'build'))).toBe('medium'); // 3.5 -> 4
  expect(ratedSeverity(at('critical', 'build'))).toBe('medium'); // 5 -> 4
  expect(ratedSeverity(at('high', 'ci'))).toBe('medium'); // 2.8 -> 4
  expect(ratedSeverity(at('critical', 'development'))).toBe('low'); // 2.5: tie between 1 and 4 -> lower
  expect(ratedSeverity(at('low', 'test'))).toBe('info');
  expect(ratedSeverity(at('medium', 'runtime'))).toBe('medium');
  expect(rate([at('critical', 'build')], true)).toBe('amber');
});

test("an area's counts and severity cells are the weighed ones, and say what was weighed down and why", () => {
  let n = 0;
  const at = (severity: string, exposure: ReportFinding['exposure']) =>
    ({ id: `f${++n}`, severity, exposure, repository: 'r', rule: 'x', subject: String(n) }) as ReportFinding;
  const findings = [
    at('high', 'development'), // a development tool past its end of life: low
    at('high', 'development'),
    at('medium', 'runtime'),
    at('high', 'ci'), // medium
    at('low', 'test'), // info: not said apart, it was not serious
  ];
  // Counted as the rating weighs them: never "3 high" for what no user runs.
  expect(severityCounts(findings)).toBe('Findings: 2 medium, 2 low, 1 info');
  expect(loweredFindings(findings)).toBe(
    '3 high of them weigh less: only in CI or development, not in shipped code',
  );
  expect(loweredFindings([at('medium', 'runtime'), at('low', 'test')])).toBe('');
  expect(severityCell(at('high', 'development'))).toBe('low (high, in development)');
  expect(severityCell(at('medium', 'runtime'))).toBe('medium');
  expect(severityCell(at('high', undefined))).toBe('high');
  // Ordered by the weighed severity: the shipped medium before the development tool's high.
  expect([...findings].sort(bySeverity).map((f) => `${f.severity}/${f.exposure}`)).toEqual([
    'high/ci',
    'medium/runtime',
    'high/development',
    'high/development',
    'low/test',
  ]);
});
