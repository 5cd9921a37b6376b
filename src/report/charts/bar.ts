// Horizontal bar charts: one series (bar) or several stacked per category (stacked bar).
// Each bar carries its total as text, so the chart reads without colour.
import type { Chart } from '../types.ts';
import { clip, colourFor, esc, fmt, legend, niceMax, svgOpen } from './svg.ts';

const ROW = 20;
const LABEL_W = 170;
const PLOT_W = 380;

export function renderBars(chart: Chart): string {
  const stacked = chart.kind === 'stacked-bar' || chart.series.length > 1;
  const totals = chart.labels.map((_, i) => chart.series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const legendW = stacked ? 120 : 0;
  const width = LABEL_W + PLOT_W + 60 + legendW;
  const top = 8;
  const height = Math.max(top + chart.labels.length * ROW + 24, stacked ? chart.series.length * 16 + 16 : 0);
  const parts = [svgOpen(chart.id, chart.title, width, height)];
  chart.labels.forEach((label, i) => {
    const y = top + i * ROW;
    parts.push(`<text x="${LABEL_W - 6}" y="${y + 13}" text-anchor="end">${esc(clip(label, 28))}</text>`);
    let x = LABEL_W;
    chart.series.forEach((se, j) => {
      const v = se.values[i] ?? 0;
      const w = (v / max) * PLOT_W;
      if (w > 0)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${colourFor(se.name, j)}" stroke="#000" stroke-width="0.4"><title>${esc(`${label}: ${se.name} ${fmt(v)}`)}</title></rect>`,
        );
      x += w;
    });
    parts.push(
      `<text x="${(x + 4).toFixed(1)}" y="${y + 13}">${fmt(totals[i] ?? 0)}${chart.unit ? ` ${esc(chart.unit)}` : ''}</text>`,
    );
  });
  const axisY = top + chart.labels.length * ROW + 2;
  parts.push(`<line x1="${LABEL_W}" y1="${axisY}" x2="${LABEL_W + PLOT_W}" y2="${axisY}" stroke="#000"/>`);
  parts.push(`<text x="${LABEL_W}" y="${axisY + 14}">0</text>`);
  parts.push(`<text x="${LABEL_W + PLOT_W}" y="${axisY + 14}" text-anchor="end">${fmt(max)}</text>`);
  if (stacked)
    parts.push(
      legend(
        chart.series.map((s) => s.name),
        LABEL_W + PLOT_W + 60,
        top,
      ),
    );
  parts.push('</svg>');
  return parts.join('');
}
