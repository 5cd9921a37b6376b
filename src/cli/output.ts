// Printing: tables on a terminal, versioned JSON documents on stdout, messages on stderr.
import pc from 'picocolors';

/** Colours only on a terminal (or with FORCE_COLOR), never in a pipe or with NO_COLOR. */
export function colorsFor(stream: NodeJS.WriteStream): ReturnType<typeof pc.createColors> {
  const env = process.env;
  const on = 'FORCE_COLOR' in env || (stream.isTTY === true && !('NO_COLOR' in env) && env.TERM !== 'dumb');
  return pc.createColors(on);
}

/** Colours for what goes to stdout and to stderr. */
export const out = colorsFor(process.stdout);
export const err = colorsFor(process.stderr);

import { TOOL_VERSION } from '../version.ts';

export type Cell = string | number | null | undefined;

/** A plain-text table that fits the terminal: the widest column is shortened first. */
export function renderTable(
  headers: string[],
  rows: Cell[][],
  maxWidth = process.stdout.columns || 120,
): string {
  const text = rows.map((r) =>
    r.map((c) => (c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' '))),
  );
  // Loops, not Math.max(...spread): a result of many rows must not overflow the stack.
  const widths = headers.map((h) => h.length);
  for (const r of text) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= 8) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  const clip = (s: string, w: number) => (s.length > w ? `${s.slice(0, Math.max(0, w - 1))}…` : s.padEnd(w));
  const numeric = headers.map(
    (_, i) =>
      rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : clip(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [out.bold(line(headers)), ...text.map(line)].join('\n');
}

/** The envelope of every `--json` document: a schema name with a version, and the tool. */
export function jsonDocument(schema: string, body: Record<string, unknown>): string {
  return `${JSON.stringify({ schema, tool: { name: 'cto', version: TOOL_VERSION }, ...body }, null, 2)}\n`;
}

export function shortSha(sha: string | null): string {
  return sha ? sha.slice(0, 12) : '';
}

/** `2024-03-01T09:30:00+05:30` -> `2024-03-01`. */
export function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}
