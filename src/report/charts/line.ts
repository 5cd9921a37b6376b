// Line chart over ordered x labels (months, releases), one line per series, with point markers.
import type { Chart } from '../types.ts';
import { colourFor, esc, fmt, legend, niceMax, svgOpen } from './svg.ts';

const W = 560;
const H = 220;
const LEFT = 50;
const BOTTOM = 40;

export function renderLine(chart: Chart): string {
  const n = chart.labels.length;
  const max = niceMax(Math.max(0, ...chart.series.flatMap((s) => s.values)));
  const legendW = chart.series.length > 1 ? 120 : 0;
  const plotW = W - LEFT - 20;
  const plotH = H - BOTTOM - 10;
  const x = (i: number) => LEFT + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => 10 + plotH - (v / max) * plotH;
  const parts = [svgOpen(chart.id, chart.title, W + legendW, H)];
  parts.push(`<line x1="${LEFT}" y1="${10 + plotH}" x2="${LEFT + plotW}" y2="${10 + plotH}" stroke="#000"/>`);
  parts.push(`<line x1="${LEFT}" y1="10" x2="${LEFT}" y2="${10 + plotH}" stroke="#000"/>`);
  for (const v of [0, max / 2, max])
    parts.push(`<text x="${LEFT - 4}" y="${y(v) + 4}" text-anchor="end">${fmt(v)}</text>`);
  const step = Math.max(1, Math.ceil(n / 8));
  chart.labels.forEach((l, i) => {
    if (i % step === 0 || i === n - 1)
      parts.push(`<text x="${x(i).toFixed(1)}" y="${H - BOTTOM + 24}" text-anchor="middle">${esc(l)}</text>`);
  });
  chart.series.forEach((s, j) => {
    const c = colourFor(s.name, j);
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.join(' ')}"/>`);
    s.values.forEach((v, i) => {
      parts.push(
        `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${c}"><title>${esc(`${chart.labels[i]}: ${fmt(v)}${chart.unit ? ` ${chart.unit}` : ''}`)}</title></circle>`,
      );
    });
  });
  if (chart.unit) parts.push(`<text x="${LEFT}" y="8">${esc(chart.unit)}</text>`);
  if (legendW)
    parts.push(
      legend(
        chart.series.map((s) => s.name),
        W,
        10,
      ),
    );
  parts.push('</svg>');
  return parts.join('');
}
