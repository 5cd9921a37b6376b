import { describe, expect, test } from 'vitest';
import type { Chart } from '../types.ts';
import { renderChart } from './index.ts';

const base = { id: 'c', title: 'T <&>', sql: 'select 1' };

function widths(svg: string): number[] {
  return [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="14" fill/g)].map((m) =>
    Number(m[1]),
  );
}

describe('charts', () => {
  test('bars are proportional to their values and titles are escaped', () => {
    const svg = renderChart({
      ...base,
      kind: 'bar',
      labels: ['a', 'b'],
      series: [{ name: 'n', values: [10, 5] }],
    } as Chart);
    const [a = 0, b = 0] = widths(svg);
    expect(a / b).toBeCloseTo(2, 5);
    expect(svg).toContain('T &#60;&#38;&#62;');
    expect(svg).not.toMatch(/<script|href=/);
  });

  test('a stacked bar draws one segment per non-zero value, with a legend', () => {
    const svg = renderChart({
      ...base,
      kind: 'stacked-bar',
      labels: ['x'],
      series: [
        { name: 'high', values: [2] },
        { name: 'low', values: [0] },
        { name: 'medium', values: [1] },
      ],
    } as Chart);
    expect(widths(svg)).toHaveLength(2);
    expect(svg).toContain('>high</text>');
  });

  test('a line has one point per label; a timeline marks past dates', () => {
    const line = renderChart({
      ...base,
      kind: 'line',
      labels: ['2025-01', '2025-02', '2025-03'],
      series: [{ name: 'c', values: [1, 3, 2] }],
    } as Chart);
    expect(line.match(/<circle /g)).toHaveLength(3);
    const tl = renderChart({
      ...base,
      kind: 'timeline',
      labels: ['node 18', 'python 3.12'],
      series: [{ name: 'days', values: [-30, 400] }],
    } as Chart);
    expect(tl).toContain('ended 30 days ago');
    expect(tl).toContain('400 days left');
  });
});
