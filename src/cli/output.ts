// Printing: tables on a terminal, versioned JSON documents on stdout, messages on stderr.
// Every human-readable byte goes through `printLine`, `printError`, `printTable` or `render`: text from
// repositories (names, paths, tags, package names) has its control characters replaced by a visible
// escape before it reaches the terminal, and our own colours are applied after that, so no command can
// forget. Widths are terminal columns (East Asian wide and combining characters); a pipe is never cut.
import pc from 'picocolors';
import stringWidth from 'string-width';
import { TOOL_VERSION } from '../version.ts';

/** Colours only on a terminal (or with FORCE_COLOR), never in a pipe or with NO_COLOR. */
export function colorsFor(stream: NodeJS.WriteStream): ReturnType<typeof pc.createColors> {
  const env = process.env;
  const on = 'FORCE_COLOR' in env || (stream.isTTY === true && !('NO_COLOR' in env) && env.TERM !== 'dumb');
  return pc.createColors(on);
}

export type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';

/** Text printed in a style: the text is made safe first, then the style is applied. */
export interface Styled {
  readonly style: Style;
  readonly text: string;
}

export const styled = (style: Style, text: string): Styled => ({ style, text });

/** A piece of a line: plain text (made safe), a number, or styled text. */
export type Part = string | number | Styled;

/**
 * Characters never written raw: C0 controls, DEL and C1 controls (`\p{Cc}`); the bidi marks, embeddings,
 * overrides and isolates of "Trojan Source" (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069); line
 * and paragraph separators (U+2028, U+2029); and invisible characters with no place in a name or a path
 * (zero width space U+200B, word joiner and invisible operators U+2060-U+2064, byte order mark U+FEFF).
 * Zero width joiner and non-joiner (U+200C, U+200D) are kept: Persian, Indic scripts and emoji need them.
 */
const UNSAFE = /[\p{Cc}\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
/** The same, keeping line feeds and tabs (line layout in messages). */
const UNSAFE_IN_LINES =
  /(?![\n\t])[\p{Cc}\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
/** What JSON.stringify leaves raw of the same: DEL, C1 controls, bidi and invisible characters. */
const UNSAFE_IN_JSON =
  /[\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** `\x1b` for a code point under U+0100, `\u202e` above: the escapes JavaScript and JSON readers know. */
function escapeChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Text safe for a terminal: every control, bidi or invisible character shown as an escape. */
export function visible(text: string, keepLines = false): string {
  return text.replace(keepLines ? UNSAFE_IN_LINES : UNSAFE, escapeChar);
}

/** Parts joined into one safe string, styled for `stream` (colours only where it shows them). */
export function render(stream: NodeJS.WriteStream, parts: readonly Part[]): string {
  const colors = colorsFor(stream);
  return parts
    .map((p) =>
      typeof p === 'number'
        ? String(p)
        : typeof p === 'string'
          ? visible(p, true)
          : colors[p.style](visible(p.text, true)),
    )
    .join('');
}

/** One line on stdout (parts joined without separators). */
export function printLine(...parts: Part[]): void {
  process.stdout.write(`${render(process.stdout, parts)}\n`);
}

/** One line on stderr: messages, counts, notes beside the result. */
export function printError(...parts: Part[]): void {
  process.stderr.write(`${render(process.stderr, parts)}\n`);
}

/** Text that brings its own line breaks (commander's help and messages) on stderr, made safe. */
export function writeError(text: string): void {
  process.stderr.write(visible(text, true));
}

/** A one-line status on stderr, redrawn in place (on a terminal: callers check). */
export function drawStatus(...parts: Part[]): void {
  process.stderr.write(`\r\x1b[2K${render(process.stderr, parts)}`);
}

/** Clears the status line. */
export function clearStatus(): void {
  process.stderr.write('\r\x1b[2K');
}

/** A `--json` document on stdout. */
export function printJson(schema: string, body: Record<string, unknown>): void {
  process.stdout.write(jsonDocument(schema, body));
}

/** JSON text made by another writer (an SBOM, the report) on stdout, made safe like `jsonDocument`. */
export function printJsonText(json: string): void {
  process.stdout.write(safeJson(json));
}

/**
 * How a column fits a narrow terminal: `keep` is never cut (identifiers: repository and package names,
 * advisory ids, versions, and numbers); `cut` loses its end (`some long te…`); `cut-left` loses its
 * start, at a folder when it can (`…/deep/file.ts`).
 */
type Fit = 'keep' | 'cut' | 'cut-left';

export interface Column {
  title: string;
  fit: Fit;
}

/** A header: a title alone is a column that is never cut. */
export type Header = string | Column;

/** A column of free text, shortened at its end on a narrow terminal. */
export const textColumn = (title: string): Column => ({ title, fit: 'cut' });
/** A column of paths, shortened from the left on a narrow terminal. */
export const pathColumn = (title: string): Column => ({ title, fit: 'cut-left' });

export type Cell = string | number | null | undefined | Styled;

/** The columns tables may use on `stream`: unlimited in a pipe; `COLUMNS`, else the terminal's width. */
export function tableWidth(stream: NodeJS.WriteStream = process.stdout): number {
  if (stream.isTTY !== true) return Number.POSITIVE_INFINITY;
  const env = Number(process.env.COLUMNS);
  if (Number.isInteger(env) && env > 0) return env;
  return stream.columns || 80;
}

/** A cut column keeps at least this many columns (or its whole text when shorter). */
const MIN_CUT_WIDTH = 8;
/** A path column keeps room for `…/` and file names up to this width. */
const MAX_NAME_WIDTH = 24;

interface CellText {
  text: string;
  width: number;
  style: Style | null;
}

function cellText(c: Cell): CellText {
  const raw = c === null || c === undefined ? '' : typeof c === 'object' ? c.text : String(c);
  // Cells are one line: line breaks and tabs become one space, every other control is shown escaped.
  const text = visible(raw.replace(/[\t\n]+/g, ' '));
  return { text, width: stringWidth(text), style: typeof c === 'object' && c !== null ? c.style : null };
}

const graphemes = new Intl.Segmenter();

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The longest start of `text` within `width` columns, then `…`. */
export function cutRight(text: string, width: number): string {
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    kept += segment;
    used += w;
  }
  return `${kept}…`;
}

/** `…` then the longest end of `path` within `width` columns, starting at a `/` when one fits. */
export function cutLeft(path: string, width: number): string {
  const parts = [...graphemes.segment(path)].map((s) => s.segment);
  let start = parts.length;
  let used = 0;
  while (start > 0) {
    const w = stringWidth(parts[start - 1] as string);
    if (used + w > width - 1) break;
    used += w;
    start--;
  }
  const tail = parts.slice(start);
  const slash = tail.indexOf('/');
  return `…${(slash > 0 ? tail.slice(slash) : tail).join('')}`;
}

function fitCell(c: CellText, width: number, fit: Fit): CellText {
  if (c.width <= width || fit === 'keep') return c;
  const text = fit === 'cut' ? cutRight(c.text, width) : cutLeft(c.text, width);
  return { text, width: stringWidth(text), style: c.style };
}

/** Column widths: the widest cell of each, then the cut columns shortened, widest first, to fit `max`. */
function columnWidths(columns: Column[], text: CellText[][], numeric: boolean[], max: number): number[] {
  const natural = columns.map((h) => stringWidth(visible(h.title)));
  for (const r of text) {
    r.forEach((c, i) => {
      natural[i] = Math.max(natural[i] ?? 0, c.width);
    });
  }
  const widths = [...natural];
  const floor = natural.map((w, i) => {
    const fit = columns[i]?.fit;
    if (numeric[i] || fit === 'keep') return w;
    // A path keeps `…/` and its whole file name, unless the name alone is longer than MAX_NAME_WIDTH.
    let least = MIN_CUT_WIDTH;
    if (fit === 'cut-left')
      for (const r of text)
        least = Math.max(least, Math.min(MAX_NAME_WIDTH, stringWidth(basename(r[i]?.text ?? '')) + 2));
    return Math.min(w, least);
  });
  let total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total > max) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > (floor[i] ?? 0) && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    total--;
  }
  return widths;
}

/**
 * A plain-text table. Cells are made safe and measured in terminal columns; on a terminal narrower than
 * the table, `cut` and `cut-left` columns are shortened (widest first), never identifiers or numbers; in a
 * pipe (`maxWidth` infinite) nothing is cut.
 */
export function renderTable(
  headers: Header[],
  rows: Cell[][],
  maxWidth = tableWidth(process.stdout),
  stream: NodeJS.WriteStream = process.stdout,
): string {
  const colors = colorsFor(stream);
  const columns = headers.map((h): Column => (typeof h === 'string' ? { title: h, fit: 'keep' } : h));
  const text = rows.map((r) => columns.map((_, i) => cellText(r[i])));
  const numeric = columns.map(
    (_, i) =>
      rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined),
  );
  const widths = columnWidths(columns, text, numeric, maxWidth);
  const line = (cells: CellText[]) =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        const fitted = fitCell(c, w, numeric[i] ? 'keep' : (columns[i]?.fit ?? 'keep'));
        const pad = ' '.repeat(Math.max(0, w - fitted.width));
        const shown = fitted.style ? colors[fitted.style](fitted.text) : fitted.text;
        return numeric[i] ? pad + shown : shown + pad;
      })
      .join('  ')
      .trimEnd();
  const head = line(columns.map((h) => cellText(h.title)));
  return [colors.bold(head), ...text.map(line)].join('\n');
}

/** A table on stdout. */
export function printTable(headers: Header[], rows: Cell[][]): void {
  process.stdout.write(`${renderTable(headers, rows)}\n`);
}

/**
 * JSON text safe to view on a terminal: JSON.stringify escapes C0 controls itself; DEL, C1 controls and
 * the bidi and invisible characters above are escaped too (`\u009b`). It parses to the same values.
 */
export function safeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** The envelope of every `--json` document: a schema name with a version, and the tool. */
export function jsonDocument(schema: string, body: Record<string, unknown>): string {
  return `${safeJson(JSON.stringify({ schema, tool: { name: 'cto', version: TOOL_VERSION }, ...body }, null, 2))}\n`;
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

/** True when the locale says the output is UTF-8 (`LC_ALL`, else `LC_CTYPE`, else `LANG`). */
export function unicodeOutput(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

const BLOCKS = '▁▂▃▄▅▆▇█';
const ASCII_LEVELS = '_.-:=+*#';

/**
 * A sparkline: one character per value, its height between the series' lowest and highest (a flat
 * series sits in the middle); a space for an unknown value. Unicode blocks, or ASCII when `unicode` is false.
 */
export function sparkline(values: ReadonlyArray<number | null>, unicode = unicodeOutput()): string {
  const levels = unicode ? BLOCKS : ASCII_LEVELS;
  const known = values.filter((v): v is number => v !== null);
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return values
    .map((v) => {
      if (v === null) return ' ';
      const at = hi === lo ? 0.5 : (v - lo) / (hi - lo);
      return levels[Math.min(levels.length - 1, Math.floor(at * levels.length))];
    })
    .join('');
}
