// Splits a Dockerfile into logical instructions: parser directives (`# escape=`) read from
// the top, line continuations joined, comment lines inside a continuation dropped, and the
// bodies of BuildKit heredocs (`RUN <<EOF`) skipped.

interface Instruction {
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
  /** Terminators of open BuildKit heredocs (`RUN <<EOF`): their lines are content, not instructions. */
  let heredocs: string[] = [];
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (heredocs.length > 0) {
      if (trimmed === heredocs[0]) heredocs = heredocs.slice(1);
      return;
    }
    if (current.length === 0) {
      if (trimmed === '' || trimmed.startsWith('#')) return;
      start = index + 1;
    } else if (trimmed.startsWith('#') || trimmed === '') {
      return;
    }
    const continued = trimmed.endsWith(escapeChar);
    current.push(continued ? trimmed.slice(0, -1) : trimmed);
    if (continued) return;
    const instruction = current.join(' ');
    push(out, instruction, start);
    current = [];
    if (/^(RUN|COPY|ADD)\s/i.test(instruction)) heredocs = heredocMarkers(instruction);
  });
  if (current.length > 0) push(out, current.join(' '), start);
  return out;
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"` markers of an instruction, in order. */
function heredocMarkers(instruction: string): string[] {
  return [...instruction.matchAll(/<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)].map((m) => m[2]!);
}

function push(out: Instruction[], text: string, line: number): void {
  const match = /^(\S+)\s*(.*)$/s.exec(text.trim());
  if (match) out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line });
}
