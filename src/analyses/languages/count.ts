// Counts code, comment and blank lines in one pass over the bytes (docs/metrics/languages.md).
import { type CompiledSyntax, syntaxFor, type Token } from './syntax.ts';

interface LineCounts {
  code: number;
  comment: number;
  blank: number;
}

/** As git decides: a NUL byte in the first 8000 bytes makes a file binary. */
export function isBinary(content: Uint8Array): boolean {
  return content.subarray(0, 8000).indexOf(0) !== -1;
}

/** Code, comment and blank lines of a file in a language (null: no comment syntax). Binary files have none. */
export function countLines(content: Uint8Array | string, language: string | null): LineCounts {
  const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (isBinary(buf)) return { code: 0, comment: 0, blank: 0 };
  return scan(buf, syntaxFor(language));
}

function matchAt(buf: Uint8Array, i: number, bytes: Uint8Array): boolean {
  const len = bytes.length;
  if (i + len > buf.length) return false;
  for (let k = 1; k < len; k++) if (buf[i + k] !== bytes[k]) return false;
  return true;
}

function findToken(
  list: Token[],
  buf: Uint8Array,
  i: number,
  lineBegin: number,
  lineUsed: boolean,
): Token | null {
  for (const t of list) {
    if (t.position === 1 && lineUsed) continue;
    if (t.position === 2 && i !== lineBegin) continue;
    if (matchAt(buf, i, t.open)) return t;
  }
  return null;
}

/** A byte in column 1 that ends a `dedent` block: anything but blank, newline and `.`. */
function endsDedentBlock(b: number): boolean {
  return b !== 32 && b !== 9 && b !== 13 && b !== 10 && b !== 46;
}

const MODE_CODE = 0;
const MODE_BLOCK = 1;
const MODE_STRING = 2;

/** The scanner: a state machine over bytes (code, inside a block comment, inside a string). */
function scan(buf: Uint8Array, syntax: CompiledSyntax): LineCounts {
  const byFirst = syntax.byFirst;
  const interesting = syntax.interesting;
  const n = buf.length;
  let code = 0;
  let comment = 0;
  let blank = 0;
  let hasCode = false;
  let hasComment = false;
  let mode = MODE_CODE;
  let tok: Token | null = null;
  let depth = 0;
  let continued = false;
  let lineBegin = 0;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b === 10) {
      if (hasCode) code++;
      else if (hasComment) comment++;
      else blank++;
      hasCode = false;
      hasComment = false;
      if (mode === MODE_STRING && !continued && !tok!.multiline) mode = MODE_CODE;
      continued = false;
      i++;
      lineBegin = i;
      if (mode === MODE_BLOCK && tok!.dedent && i < n && endsDedentBlock(buf[i]!)) mode = MODE_CODE;
      continue;
    }
    if (b === 32 || b === 9 || b === 13 || b === 12 || b === 11) {
      i++;
      continue;
    }
    if (mode === MODE_CODE) {
      const list = byFirst[b];
      const t = list === undefined ? null : findToken(list, buf, i, lineBegin, hasCode || hasComment);
      if (t === null) {
        hasCode = true;
        // Fast path: the line is code already; only a newline or a token start can change anything.
        while (++i < n && interesting[buf[i]!] === 0);
      } else if (t.kind === 'line') {
        hasComment = true;
        const nl = buf.indexOf(10, i);
        i = nl === -1 ? n : nl;
      } else if (t.kind === 'block') {
        hasComment = true;
        mode = MODE_BLOCK;
        tok = t;
        depth = 1;
        i += t.open.length;
      } else {
        hasCode = true;
        if (t.kind === 'string') {
          mode = MODE_STRING;
          tok = t;
        }
        i += t.open.length;
      }
      continue;
    }
    const t = tok!;
    if (mode === MODE_BLOCK) {
      const close = t.close;
      if (
        close.length > 0 &&
        b === close[0] &&
        (t.position === 0 || !(hasCode || hasComment)) &&
        matchAt(buf, i, close)
      ) {
        hasComment = true;
        i += close.length;
        if (--depth === 0) mode = MODE_CODE;
        continue;
      }
      hasComment = true;
      if (t.nested && b === t.open[0] && matchAt(buf, i, t.open)) {
        depth++;
        i += t.open.length;
        continue;
      }
      // Fast path: skip to a newline or a byte that may close (or, nested, open) a comment.
      const c0 = close.length > 0 ? close[0]! : 10;
      const o0 = t.nested ? t.open[0]! : 10;
      while (++i < n) {
        const c = buf[i]!;
        if (c === 10 || c === c0 || c === o0) break;
      }
      continue;
    }
    hasCode = true;
    if (b === t.escape) {
      i++;
      if (i < n && buf[i] === 10) continued = true;
      else i++;
      continue;
    }
    const s0 = t.close[0]!;
    if (b === s0 && matchAt(buf, i, t.close)) {
      i += t.close.length;
      mode = MODE_CODE;
      continue;
    }
    // Fast path: skip to a newline, an escape or a byte that may close the string.
    const esc = t.escape;
    while (++i < n) {
      const c = buf[i]!;
      if (c === 10 || c === s0 || c === esc) break;
    }
  }
  if (n > 0 && buf[n - 1] !== 10) {
    if (hasCode) code++;
    else if (hasComment) comment++;
    else blank++;
  }
  return { code, comment, blank };
}
