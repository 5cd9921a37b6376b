// CVSS v4.0 score by the specification's algorithm (FIRST CVSS v4.0, section 8.2): find the vector's
// macrovector (EQ1..EQ6), start from that macrovector's score in the lookup table, and lower it by the
// mean, over the EQs that have a lower macrovector, of (score gap to the lower macrovector) x
// (vector's severity distance from the macrovector's highest vector / macrovector depth).
const VALUES: Record<string, string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
  E: ['X', 'A', 'P', 'U'],
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'],
  MVI: ['X', 'H', 'L', 'N'],
  MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'],
  MSI: ['X', 'S', 'H', 'L', 'N'],
  MSA: ['X', 'S', 'H', 'L', 'N'],
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};
const REQUIRED = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'];

/** Severity level of each metric value (0 = most severe), as the specification ranks them. */
export const LEVELS: Record<string, Record<string, number>> = {
  AV: { N: 0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0, L: 0.1, H: 0.2 },
  UI: { N: 0, P: 0.1, A: 0.2 },
  AC: { L: 0, H: 0.1 },
  AT: { N: 0, P: 0.1 },
  VC: { H: 0, L: 0.1, N: 0.2 },
  VI: { H: 0, L: 0.1, N: 0.2 },
  VA: { H: 0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0, M: 0.1, L: 0.2 },
  IR: { H: 0, M: 0.1, L: 0.2 },
  AR: { H: 0, M: 0.1, L: 0.2 },
};

export type Cvss4Vector = Record<string, string>;

export function parseCvss4(vector: string): Cvss4Vector | null {
  const parts = vector.trim().split('/');
  if (parts[0] !== 'CVSS:4.0') return null;
  const metrics: Cvss4Vector = {};
  for (const part of parts.slice(1)) {
    const [key, value, extra] = part.split(':');
    if (!key || !value || extra !== undefined || key in metrics || !VALUES[key]?.includes(value)) return null;
    metrics[key] = value;
  }
  return REQUIRED.every((k) => k in metrics) ? metrics : null;
}

/** The value a metric takes for scoring: modified value if set, worst case for unset E/CR/IR/AR. */
export function effective(v: Cvss4Vector, metric: string): string {
  const selected = v[metric] ?? 'X';
  if (metric === 'E' && selected === 'X') return 'A';
  if ((metric === 'CR' || metric === 'IR' || metric === 'AR') && selected === 'X') return 'H';
  const modified = v[`M${metric}`];
  if (modified !== undefined && modified !== 'X') return modified;
  return selected;
}

export function macroVector(v: Cvss4Vector): string {
  const m = (k: string): string => effective(v, k);
  const av = m('AV');
  const anyN = av === 'N' || m('PR') === 'N' || m('UI') === 'N';
  const allN = av === 'N' && m('PR') === 'N' && m('UI') === 'N';
  const eq1 = allN ? 0 : anyN && av !== 'P' ? 1 : 2;
  const eq2 = m('AC') === 'L' && m('AT') === 'N' ? 0 : 1;
  const vcH = m('VC') === 'H';
  const viH = m('VI') === 'H';
  const vaH = m('VA') === 'H';
  const eq3 = vcH && viH ? 0 : vcH || viH || vaH ? 1 : 2;
  const safety = m('MSI') === 'S' || m('MSA') === 'S';
  const eq4 = safety ? 0 : m('SC') === 'H' || m('SI') === 'H' || m('SA') === 'H' ? 1 : 2;
  const e = m('E');
  const eq5 = e === 'A' ? 0 : e === 'P' ? 1 : 2;
  const eq6 = (m('CR') === 'H' && vcH) || (m('IR') === 'H' && viH) || (m('AR') === 'H' && vaH) ? 0 : 1;
  return `${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`;
}
