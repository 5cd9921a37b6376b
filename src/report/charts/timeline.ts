// Timeline: one row per item, a bar from today to the item's date (days from today in
// series[0]); past dates are drawn left of the "today" line in red.
import type { Chart } from '../types.ts';
import { clip, esc, fmt, svgOpen } from './svg.ts';

const ROW = 20;
const LABEL_W = 200;
const PLOT_W = 380;

export function renderTimeline(chart: Chart): string {
  const days = chart.series[0]?.values ?? [];
  const lo = Math.min(0, ...days);
  const hi = Math.max(1, ...days);
  const scale = PLOT_W / (hi - lo);
  const x0 = LABEL_W + -lo * scale;
  const height = chart.labels.length * ROW + 36;
  const parts = [svgOpen(chart.id, chart.title, LABEL_W + PLOT_W + 160, height)];
  chart.labels.forEach((label, i) => {
    const d = days[i] ?? 0;
    const y = 8 + i * ROW;
    const x = x0 + Math.min(0, d) * scale;
    const w = Math.max(1, Math.abs(d) * scale);
    const fill = d < 0 ? '#c0392b' : d < 180 ? '#e67e22' : '#27ae60';
    parts.push(`<text x="${LABEL_W - 6}" y="${y + 13}" text-anchor="end">${esc(clip(label, 32))}</text>`);
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${fill}" stroke="#000" stroke-width="0.4"><title>${esc(`${label}: ${fmt(d)} days`)}</title></rect>`,
    );
    const tx = d < 0 ? x0 + 4 : x + w + 4;
    parts.push(
      `<text x="${tx.toFixed(1)}" y="${y + 13}">${d < 0 ? `ended ${fmt(-d)} days ago` : `${fmt(d)} days left`}</text>`,
    );
  });
  const bottom = 8 + chart.labels.length * ROW;
  parts.push(
    `<line x1="${x0.toFixed(1)}" y1="4" x2="${x0.toFixed(1)}" y2="${bottom + 4}" stroke="#000" stroke-dasharray="3,2"/>`,
  );
  parts.push(`<text x="${x0.toFixed(1)}" y="${bottom + 18}" text-anchor="middle">today</text>`);
  parts.push('</svg>');
  return parts.join('');
}
