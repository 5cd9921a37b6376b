import { describe, expect, it } from 'vitest';
import type { Chart } from '../types.ts';
import { blipLayout, radarDefinition } from './radar.ts';
import { renderChart } from './render.ts';

/** A radar chart with `cells[r][q]` blips in ring r, quadrant q. */
function chart(cells: number[][]): Chart {
  const ring: number[] = [];
  const quadrant: number[] = [];
  cells.forEach((row, r) => {
    row.forEach((n, q) => {
      for (let i = 0; i < n; i++) {
        ring.push(r);
        quadrant.push(q);
      }
    });
  });
  return {
    id: 'radar',
    kind: 'radar',
    title: 'Radar',
    labels: ring.map((_, i) => String(i + 1)),
    series: [
      { name: 'ring', values: ring },
      { name: 'quadrant', values: quadrant },
    ],
    rings: ['Adopt', 'Trial', 'Assess', 'Hold'],
    quadrants: ['A', 'B', 'C', 'D'],
    sql: '-',
  };
}

/** Blip centres in pixels, the way ECharts draws them (radius in ring units, angle counter-clockwise from the top). */
function pixels(c: Chart): Array<[number, number]> {
  const def = radarDefinition(c);
  const polar = def.option.polar as { radius: [number, number] };
  const unit = polar.radius[1] / (c.rings?.length ?? 1);
  return blipLayout(c).positions.map(([r, a]) => {
    const rad = ((90 + a) * Math.PI) / 180;
    return [r * unit * Math.cos(rad), r * unit * Math.sin(rad)];
  });
}

const minDistance = (points: Array<[number, number]>) => {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const [a, b] = [points[i] as [number, number], points[j] as [number, number]];
      min = Math.min(min, Math.hypot(a[0] - b[0], a[1] - b[1]));
    }
  return min;
};

describe('the drawn radar', () => {
  it('keeps numbered blips apart (16 px dots) when each cell fits, the inner ring included', () => {
    const c = chart([
      [5, 3, 2, 4],
      [8, 6, 1, 0],
      [10, 4, 7, 3],
      [12, 2, 9, 5],
    ]);
    const layout = blipLayout(c);
    expect(layout.crowded).toBe(false);
    expect(minDistance(pixels(c))).toBeGreaterThanOrEqual(16);
    // Every blip inside its own ring band and quadrant sector.
    const rings = c.series[0]?.values ?? [];
    const quadrants = c.series[1]?.values ?? [];
    layout.positions.forEach(([r, a], i) => {
      expect(Math.floor(r)).toBe(rings[i]);
      expect(Math.floor(a / 90)).toBe(quadrants[i]);
    });
  });

  it('says crowded when a cell holds more blips than fit, so that the list comes first', () => {
    expect(blipLayout(chart([[40, 0, 0, 0]])).crowded).toBe(true);
  });

  it('renders as SVG with one numbered dot per blip', () => {
    const svg = renderChart(
      chart([
        [2, 1, 0, 0],
        [0, 0, 1, 0],
      ]),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    for (const n of ['1', '2', '3', '4']) expect(svg).toContain(`>${n}</text>`);
  });
});
