// Small SVG building blocks shared by the charts: escaping, palette, frame, legend.
// Charts are drawn in code, with no fonts or scripts to fetch, and read in black and white too.

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Colours that stay distinct when printed in grey (light to dark). */
const PALETTE = ['#1f4e79', '#c0504d', '#9bbb59', '#f79646', '#8064a2', '#4bacc6', '#7f7f7f', '#2c2c2c'];

const SEVERITY_COLOURS: Record<string, string> = {
  critical: '#7b0000',
  high: '#c0392b',
  medium: '#e67e22',
  low: '#f1c40f',
  info: '#95a5a6',
};

export function colourFor(name: string, i: number): string {
  return SEVERITY_COLOURS[name] ?? PALETTE[i % PALETTE.length] ?? '#333';
}

export function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** A rounded axis maximum (1, 2 or 5 times a power of ten) at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export function svgOpen(id: string, title: string, width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${esc(id)}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="11"><title>${esc(title)}</title>`;
}

export function legend(names: string[], x: number, y: number): string {
  return names
    .map(
      (n, i) =>
        `<rect x="${x}" y="${y + i * 16}" width="10" height="10" fill="${colourFor(n, i)}" stroke="#000" stroke-width="0.5"/><text x="${x + 14}" y="${y + i * 16 + 9}">${esc(n)}</text>`,
    )
    .join('');
}

export function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
