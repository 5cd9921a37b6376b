// Severity of an advisory: a CVSS score when a vector is given (v4.0 preferred over v3.x, the record's
// own and its affected entry's), else GHSA's `database_specific.severity` word. Levels follow the
// CVSS qualitative scale: 0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10 critical.
import { cvss3BaseScore, parseCvss3 } from './cvss3.ts';
import { parseCvss4 } from './cvss4.ts';
import { cvss4Score } from './cvss4-score.ts';
import type { OsvAffected, OsvRecord, OsvSeverityScore } from './record.ts';

export type SeverityLevel = 'none' | 'low' | 'medium' | 'high' | 'critical' | 'unknown';
export type SeveritySource = 'CVSS_V4' | 'CVSS_V3' | 'database_specific';

export interface SeverityResult {
  level: SeverityLevel;
  score: number | null;
  source: SeveritySource | null;
  vector: string | null;
}

const RANK: Record<SeverityLevel, number> = { unknown: 0, none: 1, low: 2, medium: 3, high: 4, critical: 5 };
const UNKNOWN: SeverityResult = { level: 'unknown', score: null, source: null, vector: null };
const GHSA_WORDS: Record<string, SeverityLevel> = {
  LOW: 'low',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
};

export function levelOfScore(score: number): SeverityLevel {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** Score of one CVSS vector string (v3.0, v3.1 or v4.0), or null when it cannot be read. */
export function scoreCvssVector(vector: string): { score: number; version: '3.0' | '3.1' | '4.0' } | null {
  const v4 = parseCvss4(vector);
  if (v4) return { score: cvss4Score(v4), version: '4.0' };
  const v3 = parseCvss3(vector);
  return v3 ? { score: cvss3BaseScore(v3), version: v3.version } : null;
}

function fromScores(scores: OsvSeverityScore[]): SeverityResult | null {
  for (const type of ['CVSS_V4', 'CVSS_V3'] as const) {
    for (const s of scores.filter((x) => x.type === type)) {
      const scored = scoreCvssVector(s.score);
      if (scored)
        return { level: levelOfScore(scored.score), score: scored.score, source: type, vector: s.score };
    }
  }
  return null;
}

/** Severity of one record, for one of its affected entries when given. */
function recordSeverity(record: OsvRecord, affected?: OsvAffected): SeverityResult {
  const scored = fromScores([...record.severity, ...(affected?.severity ?? [])]);
  if (scored) return scored;
  const word = record.databaseSpecific?.severity ?? affected?.databaseSpecific?.severity;
  const level = typeof word === 'string' ? GHSA_WORDS[word.toUpperCase()] : undefined;
  return level ? { level, score: null, source: 'database_specific', vector: null } : UNKNOWN;
}

/** The worst severity among several records of one vulnerability (level first, then score). */
export function worstSeverity(items: { record: OsvRecord; affected?: OsvAffected }[]): SeverityResult {
  let worst = UNKNOWN;
  for (const { record, affected } of items) {
    const s = recordSeverity(record, affected);
    const better = RANK[s.level] - RANK[worst.level] || (s.score ?? -1) - (worst.score ?? -1);
    if (better > 0) worst = s;
  }
  return worst;
}
