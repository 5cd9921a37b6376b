// Paths as `git diff` and `git log --raw` print them without -z: C-quoted when they hold a byte git
// quotes (core.quotePath). Strings are latin1 (one char per byte), so no byte sequence can shift a
// position; decode the result with decodeGitBytes (paths.ts) or as UTF-8.

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v' };

/** Undo git's C-style quoting of a path (latin1 in, latin1 out); an unquoted path is returned as is. */
export function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  let out = '';
  for (let i = 1; i < s.length - 1; i++) {
    const ch = s[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const n = s[++i] ?? '';
    if (n >= '0' && n <= '7') {
      out += String.fromCharCode(Number.parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else out += ESCAPES[n] ?? n;
  }
  return out;
}

/** The path of a `diff --git a/X b/X` line (after `diff --git `) when both sides are the same (no rename). */
export function samePath(rest: string): string | null {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*") ("(?:[^"\\]|\\.)*")$/.exec(rest);
    if (!m) return null;
    const a = unquote(m[1] as string).slice(2);
    return a === unquote(m[2] as string).slice(2) ? a : null;
  }
  if ((rest.length - 5) % 2 !== 0) return null;
  const n = (rest.length - 5) / 2;
  const a = rest.slice(2, 2 + n);
  return rest.slice(n + 5) === a ? a : null;
}
