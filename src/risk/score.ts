// The risk score of a problem and the one ranking every list of problems uses (docs/risk.md,
// "Risk score"): severity weight × exposure weight × reachability weight × age factor.
import type { Exposure } from '../collectors/types.ts';
import { DAY_MS } from '../reference-date.ts';
import { type RiskConfig, type RiskWeights, riskWeights } from './config.ts';
import type { Problem } from './types.ts';

interface ScoredProblem extends Problem {
  /** The risk score, rounded to two decimals (what ranks and what is shown). */
  score: number;
}

/** Whole days from `since` to `today` (ISO dates), 0 when unknown or in the future. */
export function ageDays(since: string | null, today: string): number {
  if (!since) return 0;
  const from = Date.parse(since.slice(0, 10));
  const to = Date.parse(today.slice(0, 10));
  if (Number.isNaN(from) || Number.isNaN(to)) return 0;
  return Math.max(0, Math.floor((to - from) / DAY_MS));
}

function ageFactor(days: number, w: RiskWeights['age']): number {
  return 1 + ((w.maxFactor - 1) * Math.min(days, w.capDays)) / w.capDays;
}

/** Direct or transitive, shipped or not; problems that are not dependencies weigh 1. */
function reachabilityWeight(
  direct: boolean | null,
  exposure: Exposure,
  w: RiskWeights['reachability'],
): number {
  if (direct === null) return 1;
  if (exposure === 'runtime') return direct ? w.directRuntime : w.transitiveRuntime;
  return direct ? w.directOther : w.transitiveOther;
}

export function scoreProblem(
  p: Problem,
  today: string,
  weights: RiskWeights = riskWeights(undefined),
): number {
  const raw =
    weights.severity[p.severity] *
    weights.exposure[p.exposure] *
    reachabilityWeight(p.direct, p.exposure, weights.reachability) *
    ageFactor(ageDays(p.since, today), weights.age);
  return Math.round(raw * 100) / 100;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Highest score first; ties by owner team, then repository, then key, so a ranking is stable. */
export function rankProblems<P extends Problem>(
  problems: readonly P[],
  today: string,
  config?: RiskConfig,
): Array<P & ScoredProblem> {
  const weights = riskWeights(config);
  return problems
    .map((p) => ({ ...p, score: scoreProblem(p, today, weights) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        compareText(a.owner, b.owner) ||
        compareText(a.repository, b.repository) ||
        compareText(a.key, b.key),
    );
}
