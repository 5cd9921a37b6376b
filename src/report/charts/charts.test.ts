import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import type { Chart } from '../types.ts';
import { chartDefinition } from './definitions.ts';
import { renderChart } from './render.ts';

const base = { id: 'c', title: 'T', sql: 'select 1' };

type Series = { data: unknown[]; lineStyle?: { type?: string }; markArea?: { data: unknown } };
const seriesOf = (c: Chart) => chartDefinition(c).option.series as Series[];

/** The text nodes of an SVG, as an XML parser reads them (entities decoded). */
function texts(svg: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) if (!k.startsWith('@_')) walk(v);
  };
  walk(
    new XMLParser({
      ignoreAttributes: false,
      textNodeName: '#text',
      htmlEntities: true,
      parseTagValue: false,
    }).parse(svg),
  );
  return out.map(String);
}

const months = ['2026-09', '2026-10', '2026-11', '2026-12'];

describe('chart definitions', () => {
  test('a partial last period is drawn apart: solid up to the one before, dashed into it, shaded "partial"', () => {
    const chart: Chart = {
      ...base,
      kind: 'line',
      labels: months,
      series: [{ name: 'commits', values: [40, 42, 39, 3] }],
      partial: true,
    };
    const [solid, dashed] = seriesOf(chart);
    expect(solid?.data).toEqual([40, 42, 39, '-']);
    expect(dashed?.data).toEqual(['-', '-', { value: 39, symbol: 'none' }, 3]);
    expect(dashed?.lineStyle?.type).toBe('dashed');
    expect(JSON.stringify(solid?.markArea?.data)).toContain('"partial"');
    expect(texts(renderChart(chart))).toContain('partial');
  });

  test('a series without a partial period is one solid line through every point', () => {
    const series = seriesOf({
      ...base,
      kind: 'line',
      labels: months,
      series: [{ name: 'c', values: [1, 2, 3, 4] }],
    });
    expect(series).toHaveLength(1);
    expect(series[0]?.data).toEqual([1, 2, 3, 4]);
    expect(series[0]?.lineStyle?.type).toBeUndefined();
  });

  test('the risk matrix has one cell per severity and exposure holding its count', () => {
    const chart: Chart = {
      ...base,
      kind: 'matrix',
      labels: ['critical', 'high'],
      series: [
        { name: 'runtime', values: [2, 0] },
        { name: 'docs', values: [0, 5] },
      ],
    };
    const cells = (seriesOf(chart)[0]?.data ?? []) as Array<{
      value: number[];
      itemStyle: { color: string };
    }>;
    expect(cells.map((c) => c.value)).toEqual([
      [0, 0, 2],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 5],
    ]);
    // Critical at runtime is the highest risk level, high in docs the lowest: different colours.
    expect(cells[0]?.itemStyle.color).not.toBe(cells[3]?.itemStyle.color);
    const shown = texts(renderChart(chart));
    expect(shown).toEqual(expect.arrayContaining(['2', '5', 'critical', 'docs']));
  });

  test('small multiples: one grid per team, all on the same scale', () => {
    const def = chartDefinition({
      ...base,
      kind: 'small-multiples',
      labels: months,
      series: [
        { name: 'Platform', values: [1, 2, 3, 4] },
        { name: 'Web', values: [10, null, 30, 38] },
      ],
    });
    const grids = def.option.grid as unknown[];
    const yAxes = def.option.yAxis as Array<{ max: number }>;
    expect(grids).toHaveLength(2);
    expect(new Set(yAxes.map((y) => y.max))).toEqual(new Set([50]));
    expect(
      texts(
        renderChart({
          ...base,
          kind: 'small-multiples',
          labels: months,
          series: [{ name: 'Platform', values: [1, 2, 3, 4] }],
        }),
      ),
    ).toContain('Platform');
  });
});

describe('chart renderer', () => {
  const bars: Chart = {
    ...base,
    id: 'lang',
    kind: 'bar',
    title: 'Repositories <script>alert(1)</script> & co',
    labels: ['<script>alert(1)</script>', 'R&D "tools"'],
    series: [{ name: 'lines', values: [10, 5] }],
  };

  test('labels from repositories are escaped: the SVG is well-formed and holds no element they name', () => {
    const svg = renderChart(bars);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/<script/i);
    expect(
      svg.match(/<[a-z]+/g)?.every((t) => ['<svg', '<title', '<rect', '<path', '<text', '<g'].includes(t)),
    ).toBe(true);
    // The parser decodes the escaped text back to the names as given.
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['<script>alert(1)</script>', 'R&D "tools"', bars.title]),
    );
  });

  test('the same chart gives the same bytes, whatever was drawn before', () => {
    const first = renderChart(bars);
    renderChart({
      ...base,
      kind: 'timeline',
      labels: ['node 18'],
      series: [{ name: 'days', values: [-30] }],
    });
    expect(renderChart(bars)).toBe(first);
    expect(first).not.toMatch(/zr\d+-cls|<style/);
  });

  test('each kind renders a titled, scalable SVG with readable text', () => {
    const kinds: Chart[] = [
      bars,
      {
        ...base,
        kind: 'stacked-bar',
        labels: ['team'],
        series: [
          { name: 'high', values: [2] },
          { name: 'low', values: [1] },
        ],
      },
      { ...base, kind: 'line', labels: months, series: [{ name: 'c', values: [1, 2, 3, 4] }], partial: true },
      {
        ...base,
        kind: 'timeline',
        labels: ['a', 'b'],
        series: [{ name: 'days', values: [-30, 400] }],
        windowDays: 183,
      },
      { ...base, kind: 'matrix', labels: ['high'], series: [{ name: 'runtime', values: [1] }] },
      { ...base, kind: 'small-multiples', labels: months, series: [{ name: 'A', values: [1, 2, 3, 4] }] },
    ];
    for (const c of kinds) {
      const svg = renderChart(c);
      expect(XMLValidator.validate(svg), c.kind).toBe(true);
      expect(svg).toMatch(
        /^<svg class="chart" data-chart="[^"]+" role="img" aria-label="[^"]*" [^>]*viewBox="0 0 \d+ \d+"/,
      );
      const sizes = [...svg.matchAll(/font-size:(\d+(?:\.\d+)?)px/g)].map((m) => Number(m[1]));
      expect(sizes.length, c.kind).toBeGreaterThan(0);
      expect(Math.min(...sizes), c.kind).toBeGreaterThanOrEqual(11);
    }
  });

  test('the runway says past and remaining time in words and colours by window', () => {
    const svg = renderChart({
      ...base,
      kind: 'timeline',
      labels: ['node 18', 'python 3.12', 'go 1.24'],
      series: [{ name: 'days', values: [-30, 100, 800] }],
      windowDays: 183,
    });
    const shown = texts(svg);
    expect(shown).toEqual(expect.arrayContaining(['ended 30 days ago', '3 months left', '2.2 years left']));
    expect(svg).toContain('fill="#c0392b"');
    expect(svg).toContain('fill="#e67e22"');
    expect(svg).toContain('fill="#27ae60"');
  });
});
