// CVSS v3.0 and v3.1 base score, by the specification's formulas (FIRST CVSS v3.1 spec, section 7).
// Only the base metrics count; temporal and environmental metrics in the vector are ignored.

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const PR_UNCHANGED: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };
const BASE = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'];

interface Cvss3Vector {
  version: '3.0' | '3.1';
  metrics: Record<string, string>;
}

export function parseCvss3(vector: string): Cvss3Vector | null {
  const parts = vector.trim().split('/');
  const head = /^CVSS:(3\.[01])$/.exec(parts[0] ?? '');
  if (!head) return null;
  const metrics: Record<string, string> = {};
  for (const part of parts.slice(1)) {
    const [key, value, extra] = part.split(':');
    if (!key || !value || extra !== undefined || key in metrics) return null;
    metrics[key] = value;
  }
  const valid =
    metrics.AV! in AV &&
    metrics.AC! in AC &&
    metrics.PR! in PR_UNCHANGED &&
    metrics.UI! in UI &&
    (metrics.S === 'U' || metrics.S === 'C') &&
    metrics.C! in CIA &&
    metrics.I! in CIA &&
    metrics.A! in CIA;
  if (!BASE.every((k) => k in metrics) || !valid) return null;
  return { version: head[1] as '3.0' | '3.1', metrics };
}

/** v3.1 Roundup: the smallest one-decimal number >= x, computed on integers to avoid float error. */
function roundup31(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

const roundup30 = (x: number): number => Math.ceil(x * 10) / 10;

export function cvss3BaseScore(v: Cvss3Vector): number {
  const m = v.metrics;
  const changed = m.S === 'C';
  const iss = 1 - (1 - CIA[m.C!]!) * (1 - CIA[m.I!]!) * (1 - CIA[m.A!]!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const pr = (changed ? PR_CHANGED : PR_UNCHANGED)[m.PR!]!;
  const exploitability = 8.22 * AV[m.AV!]! * AC[m.AC!]! * pr * UI[m.UI!]!;
  if (impact <= 0) return 0;
  const roundup = v.version === '3.1' ? roundup31 : roundup30;
  const raw = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
  return roundup(Math.min(raw, 10));
}
