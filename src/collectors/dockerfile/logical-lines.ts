// Splits a Dockerfile into logical instructions: parser directives (`# escape=`) read from
// the top, line continuations joined, comment lines inside a continuation dropped.

export interface Instruction {
  /** Upper-cased keyword (`FROM`, `ARG`, `COPY`). */
  keyword: string;
  /** Everything after the keyword, continuations joined with a space. */
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

function readEscape(lines: string[]): string {
  let escapeChar = '\\';
  for (const line of lines) {
    const directive = /^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
    if (!directive) break;
    if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) {
      escapeChar = directive[2];
    }
  }
  return escapeChar;
}

export function instructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escapeChar = readEscape(lines);
  const out: Instruction[] = [];
  let current: string[] = [];
  let start = 0;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (current.length === 0) {
      if (trimmed === '' || trimmed.startsWith('#')) return;
      start = index + 1;
    } else if (trimmed.startsWith('#') || trimmed === '') {
      return;
    }
    const continued = trimmed.endsWith(escapeChar);
    current.push(continued ? trimmed.slice(0, -1) : trimmed);
    if (continued) return;
    push(out, current.join(' '), start);
    current = [];
  });
  if (current.length > 0) push(out, current.join(' '), start);
  return out;
}

function push(out: Instruction[], text: string, line: number): void {
  const match = /^(\S+)\s*(.*)$/s.exec(text.trim());
  if (match) out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line });
}
