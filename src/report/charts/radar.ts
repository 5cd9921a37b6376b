// The technology radar drawn with ECharts' polar coordinates: rings as circles (inner first),
// quadrants as sectors, each blip a numbered dot (the number of the list view). Blips of one
// ring-quadrant cell are spread evenly across the cell, alternating between two radii, so that
// their numbers do not overlap; names are in the list, never on the drawing.
import type { Chart } from '../types.ts';
import type { ChartDefinition } from './definitions.ts';

const SIZE = 560;
const QUADRANT_COLOURS = [
  '#1f4e79',
  '#c0504d',
  '#9bbb59',
  '#f79646',
  '#8064a2',
  '#4bacc6',
  '#7f7f7f',
  '#2c2c2c',
];

const RADIUS_PX = SIZE / 2 - 20;
/** Centre-to-centre distance along a row that keeps two numbered dots (16 px) apart. */
const PITCH_PX = 20;
/** Rows of blips a ring band holds before the drawing counts as crowded. */
const MAX_ROWS = 4;
/** Radial distance between two rows of one band. */
const ROW_GAP_PX = 18;

/**
 * Where each blip sits: [radius (ring units from the centre), angle (degrees)], in label order, and
 * whether some cell holds more blips than fit without touching. A cell's blips fill rows across its
 * ring band, each row holding as many as its arc length allows at `PITCH_PX`.
 */
export function blipLayout(chart: Chart): { positions: Array<[number, number]>; crowded: boolean } {
  const rings = chart.series.find((s) => s.name === 'ring')?.values ?? [];
  const quadrants = chart.series.find((s) => s.name === 'quadrant')?.values ?? [];
  const span = 360 / Math.max(1, chart.quadrants?.length ?? 1);
  const unit = RADIUS_PX / Math.max(1, chart.rings?.length ?? 1);
  const cells = new Map<string, number[]>();
  chart.labels.forEach((_, i) => {
    const key = `${rings[i]}:${quadrants[i]}`;
    cells.set(key, [...(cells.get(key) ?? []), i]);
  });
  const positions: Array<[number, number]> = chart.labels.map(() => [0, 0]);
  let crowded = false;
  for (const members of cells.values()) {
    const r = rings[members[0] as number] ?? 0;
    const q = quadrants[members[0] as number] ?? 0;
    // Rows at evenly spaced radii in the band, outermost first (more room there).
    let rows: Array<{ radius: number; capacity: number }> = [];
    for (let m = 1; m <= MAX_ROWS; m++) {
      rows = Array.from({ length: m }, (_, j) => {
        const radius = r + (m - j - 0.5) / m;
        const arc = ((radius * unit * span) / 180) * Math.PI;
        return { radius, capacity: Math.max(1, Math.floor(arc / PITCH_PX) - 1) };
      });
      if (rows.reduce((n, row) => n + row.capacity, 0) >= members.length) break;
      // Rows closer than a dot apart would touch: stop adding rows.
      if (unit / (m + 1) < ROW_GAP_PX) break;
    }
    const capacity = rows.reduce((n, row) => n + row.capacity, 0);
    if (capacity < members.length) crowded = true;
    let next = 0;
    for (const row of rows) {
      const share = Math.min(
        row.capacity,
        Math.ceil(((members.length - next) * row.capacity) / Math.max(1, capacity)),
        members.length - next,
      );
      const placed = row === rows.at(-1) ? members.length - next : share;
      for (let k = 0; k < placed; k++)
        positions[members[next + k] as number] = [row.radius, q * span + (span * (k + 1)) / (placed + 1)];
      next += placed;
    }
  }
  return { positions, crowded };
}

export function radarDefinition(chart: Chart): ChartDefinition {
  const rings = chart.rings ?? [];
  const quadrants = chart.quadrants ?? [];
  const { positions } = blipLayout(chart);
  const quadrantOf = chart.series.find((s) => s.name === 'quadrant')?.values ?? [];
  return {
    width: SIZE + 140,
    height: SIZE,
    option: {
      animation: false,
      backgroundColor: '#fff',
      textStyle: { fontFamily: 'Helvetica, Arial, sans-serif', fontSize: 12, color: '#1a1a1a' },
      legend: { orient: 'vertical', right: 0, top: 10, textStyle: { fontSize: 12 }, data: quadrants },
      polar: { center: [SIZE / 2, SIZE / 2], radius: [0, SIZE / 2 - 20] },
      angleAxis: {
        type: 'value',
        min: 0,
        max: 360,
        startAngle: 90,
        clockwise: false,
        interval: 360 / Math.max(1, quadrants.length),
        axisLine: { lineStyle: { color: '#555' } },
        axisTick: { show: false },
        axisLabel: { show: false },
        splitLine: { show: true, lineStyle: { color: '#555' } },
      },
      radiusAxis: {
        type: 'value',
        min: 0,
        max: Math.max(1, rings.length),
        interval: 1,
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { fontSize: 11, color: '#555', formatter: (v: number) => rings[v - 1] ?? '' },
        splitLine: { show: true, lineStyle: { color: '#999' } },
      },
      series: quadrants.map((name, q) => ({
        type: 'scatter',
        name,
        coordinateSystem: 'polar',
        symbolSize: 16,
        itemStyle: { color: QUADRANT_COLOURS[q % QUADRANT_COLOURS.length] },
        label: { show: true, position: 'inside', fontSize: 10, color: '#fff', formatter: '{@[2]}' },
        data: chart.labels.flatMap((label, i) =>
          quadrantOf[i] === q ? [[positions[i]?.[0] ?? 0, positions[i]?.[1] ?? 0, Number(label)]] : [],
        ),
      })),
    },
  };
}
