// A small HCL lexer: enough to find blocks, attributes, strings and objects. Comments (`#`,
// `//`, `/* */`), heredocs (`<<EOT`, `<<-EOT`) and `${...}` interpolations inside strings are
// consumed whole, so text in them never looks like structure.

export type TokenType = 'ident' | 'string' | 'heredoc' | 'punct' | 'newline' | 'other';

export interface Token {
  type: TokenType;
  value: string;
  /** 1-based. */
  line: number;
}

/** End (exclusive) of a `${...}` / `%{...}` template sequence starting at `start` (the `$` or `%`). */
function templateEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    else if (c === '"') i = stringEnd(text, i) - 1;
  }
  return text.length;
}

/** End (exclusive) of a quoted string starting at `start`; an unterminated string ends at the line end. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '\n') return i;
    else if ((c === '$' || c === '%') && text[i + 1] === '{') i = templateEnd(text, i) - 1;
  }
  return text.length;
}

function heredocEnd(text: string, start: number, marker: string): number {
  let i = text.indexOf('\n', start);
  while (i >= 0) {
    const next = text.indexOf('\n', i + 1);
    const line = text.slice(i + 1, next < 0 ? text.length : next);
    if (line.trim() === marker) return next < 0 ? text.length : next;
    i = next;
  }
  return text.length;
}

function unquote(raw: string): string {
  const body = raw.endsWith('"') && raw.length > 1 ? raw.slice(1, -1) : raw.slice(1);
  return body.replace(/\\(["\\])/g, '$1');
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const push = (type: TokenType, value: string, end: number) => {
    tokens.push({ type, value, line });
    for (let j = i; j < end; j++) if (text.charCodeAt(j) === 10) line++;
    i = end;
  };
  while (i < text.length) {
    const c = text[i]!;
    const rest2 = text.slice(i, i + 2);
    if (c === '\n') push('newline', '\n', i + 1);
    else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#' || rest2 === '//') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (rest2 === '/*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let j = i; j < stop; j++) if (text.charCodeAt(j) === 10) line++;
      i = stop;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      push('string', unquote(text.slice(i, end)), end);
    } else if (rest2 === '<<') {
      const marker = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)/.exec(text.slice(i, i + 200));
      if (marker) push('heredoc', '', heredocEnd(text, i, marker[1]!));
      else push('other', '<<', i + 2);
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 256))!;
      push('ident', m[0], i + m[0].length);
    } else if ('{}[]()=,:'.includes(c) && !(c === '=' && /[=>]/.test(text[i + 1] ?? ''))) {
      push('punct', c, i + 1);
    } else push('other', c, i + 1);
  }
  return tokens;
}
