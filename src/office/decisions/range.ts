// Version ranges of decision checks: comparators (`>=1.2 <2`, `<4.17.21`, `=3.8`, a bare version means
// `=`) joined by `||`. Packages compare by their ecosystem's rules (src/versions/); runtimes and
// image tags by their numbers (`3.8` < `3.10`), the first number run of the text.
import { compareVersions, isValidVersion } from '../../versions/index.ts';

type Op = '<' | '<=' | '>' | '>=' | '=' | '!=';
interface Comparator {
  op: Op;
  version: string;
}

/** The alternatives of a range, each a list of comparators that must all hold; null when unreadable. */
export function parseRange(text: string): Comparator[][] | null {
  const alternatives = text.split('||').map((alt) =>
    alt
      .trim()
      .split(/[\s,]+/)
      .filter((p) => p !== '')
      .map((part) => {
        const m = /^(<=|>=|!=|==|<|>|=)?\s*([0-9A-Za-z].*)$/.exec(part);
        return m ? { op: (m[1] === '==' ? '=' : (m[1] ?? '=')) as Op, version: m[2] as string } : null;
      }),
  );
  if (alternatives.some((a) => a.length === 0 || a.some((c) => c === null))) return null;
  return alternatives as Comparator[][];
}

/** Whether `version` is in the range under `compare`; null when a version cannot be compared. */
export function inRange(
  version: string,
  range: Comparator[][],
  compare: (a: string, b: string) => number | null,
): boolean | null {
  let unknown = false;
  for (const alt of range) {
    let all = true;
    for (const c of alt) {
      const d = compare(version, c.version);
      if (d === null) {
        unknown = true;
        all = false;
        break;
      }
      if (!holds(c.op, d)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return unknown ? null : false;
}

function holds(op: Op, d: number): boolean {
  if (op === '<') return d < 0;
  if (op === '<=') return d <= 0;
  if (op === '>') return d > 0;
  if (op === '>=') return d >= 0;
  if (op === '=') return d === 0;
  return d !== 0;
}

/**
 * Package versions by the ecosystem's rules; a short bound (`2`, `1.2`) that the rules do not read
 * (npm's full versions) is read as `2.0.0`, `1.2.0`. Null when either cannot be read.
 */
export function packageCompare(ecosystem: string) {
  return (a: string, b: string): number | null => {
    const bound = isValidVersion(ecosystem, b) ? b : padded(b);
    return isValidVersion(ecosystem, a) && bound !== null && isValidVersion(ecosystem, bound)
      ? compareVersions(ecosystem, a, bound)
      : null;
  };
}

function padded(v: string): string | null {
  if (!/^\d+(\.\d+)?$/.test(v)) return null;
  return [...v.split('.'), '0', '0'].slice(0, 3).join('.');
}

/**
 * Runtime cycles and image tags by their numbers: `3.8` < `3.10`, `8.0.36-debian` is 8.0.36, a range
 * bound `3.8` holds for `3.8.19` (compared on the bound's own length). Null without a number.
 */
export function cycleCompare(a: string, b: string): number | null {
  const x = numbers(a);
  const y = numbers(b);
  if (!x || !y) return null;
  for (let i = 0; i < y.length; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function numbers(text: string): number[] | null {
  const m = /\d+(?:\.\d+)*/.exec(text);
  return m ? m[0].split('.').map(Number) : null;
}
