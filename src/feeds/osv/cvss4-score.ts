// The interpolation step of CVSS v4.0 scoring (FIRST CVSS v4.0 specification, section 8.2).
import { type Cvss4Vector, effective, LEVELS, macroVector } from './cvss4.ts';
import { DEPTH, HIGHEST, MACRO_SCORES } from './cvss4-tables.ts';

const DISTANCE_METRICS = ['AV', 'PR', 'UI', 'AC', 'AT', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA', 'CR', 'IR', 'AR'];

const lookup = (macro: string): number => MACRO_SCORES[macro] ?? Number.NaN;

/** Score of the next lower macrovector for EQ3+EQ6, which move together. */
function lowerEq3Eq6(eq: number[]): number {
  const [e1, e2, e3, e4, e5, e6] = eq as [number, number, number, number, number, number];
  const at = (a: number, b: number): number => lookup(`${e1}${e2}${a}${e4}${e5}${b}`);
  if (e3 === 0 && e6 === 0) {
    const left = at(e3, e6 + 1);
    const right = at(e3 + 1, e6);
    // biome-ignore lint/complexity/useMathMinMax: the specification's choice, including its NaN behaviour
    return left > right ? left : right;
  }
  if (e3 === 1 && e6 === 0) return at(e3, e6 + 1);
  if (e6 === 1 && e3 <= 1) return at(e3 + 1, e6);
  return at(e3 + 1, e6 + 1);
}

function metricOf(highest: string, metric: string): string {
  return new RegExp(`(?:^|/)${metric}:([^/]+)`).exec(highest)![1]!;
}

/** Per-metric severity distance from the first highest vector of the macrovector not above the vector. */
function distances(v: Cvss4Vector, macro: string): Record<string, number> {
  const d = (k: string): string => macro[k === 'eq36' ? 5 : Number(k) - 1]!;
  const candidates: string[] = [];
  for (const a of HIGHEST.eq1[d('1')]!)
    for (const b of HIGHEST.eq2[d('2')]!)
      for (const c of HIGHEST.eq3eq6[macro[2]!]![d('eq36')]!)
        for (const e of HIGHEST.eq4[d('4')]!)
          for (const f of HIGHEST.eq5[d('5')]!) candidates.push(a + b + c + e + f);
  let result: Record<string, number> = {};
  for (const highest of candidates) {
    result = {};
    for (const k of DISTANCE_METRICS) {
      const levels = LEVELS[k]!;
      result[k] = levels[effective(v, k)]! - levels[metricOf(highest, k)]!;
    }
    if (!Object.values(result).some((x) => x < 0)) break;
  }
  return result;
}

export function cvss4Score(v: Cvss4Vector): number {
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((k) => effective(v, k) === 'N')) return 0;
  const macro = macroVector(v);
  const eq = [...macro].map(Number);
  const value = lookup(macro);
  const [e1, e2, e3, e4, e5, e6] = eq as [number, number, number, number, number, number];
  const lower = [
    lookup(`${e1 + 1}${e2}${e3}${e4}${e5}${e6}`),
    lookup(`${e1}${e2 + 1}${e3}${e4}${e5}${e6}`),
    lowerEq3Eq6(eq),
    lookup(`${e1}${e2}${e3}${e4 + 1}${e5}${e6}`),
    lookup(`${e1}${e2}${e3}${e4}${e5 + 1}${e6}`),
  ];
  const s = distances(v, macro);
  const current = [
    s.AV! + s.PR! + s.UI!,
    s.AC! + s.AT!,
    s.VC! + s.VI! + s.VA! + s.CR! + s.IR! + s.AR!,
    s.SC! + s.SI! + s.SA!,
    0,
  ];
  const step = 0.1;
  const depth = [
    DEPTH.eq1[e1]! * step,
    DEPTH.eq2[e2]! * step,
    DEPTH.eq3eq6[e3]![e6]! * step,
    DEPTH.eq4[e4]! * step,
    1,
  ];
  let sum = 0;
  let existing = 0;
  for (let i = 0; i < 5; i++) {
    const available = value - lower[i]!;
    if (Number.isNaN(available)) continue;
    existing++;
    sum += available * (current[i]! / depth[i]!);
  }
  const mean = existing === 0 ? 0 : sum / existing;
  const score = Math.min(10, Math.max(0, value - mean));
  return Math.round(score * 10) / 10;
}
