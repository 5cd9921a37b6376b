// The executive summary's row per area (docs/report.md#executive-summary): the rating, one sentence
// in plain words from templates over the area's data (deterministic), what drives the rating, and
// the area's headline KPI with its trend against the previous period.
import { DORMANT_ACTION } from '../analyses/knowledge/findings.ts';
import { overdueDays } from '../risk/register-view.ts';
import type { RiskRow } from '../store/risks.ts';
import { ratedSeverity, SERIOUS, severityTally } from './areas/classify.ts';
import { wordList } from './format.ts';
import type { AreaId, AreaSection, Rating, ReportFinding, SummaryArea } from './types.ts';

const LEAD: Record<Exclude<Rating, 'grey'>, string> = {
  red: 'Needs action now',
  amber: 'Needs attention',
  green: 'In order',
};

/** "2 critical, 1 high and 3 medium" at their rated severity (zero counts left out); empty when all are zero. */
function countsInWords(findings: readonly ReportFinding[]): string {
  return wordList(severityTally(findings, ratedSeverity, SERIOUS));
}

/** What an area's problems are called in its sentence, and which of them it counts out. */
const NOUNS: Record<
  AreaId,
  { noun: string; detail?: { test: (f: ReportFinding) => boolean; words: [string, string] } }
> = {
  'technology-strategy': {
    noun: 'technology problem',
    detail: { test: (f) => f.rule === 'eol-past', words: ['past end of life', 'past end of life'] },
  },
  innovation: { noun: 'innovation problem' },
  'infrastructure-security': {
    noun: 'security problem',
    detail: {
      test: (f) => f.analysis === 'vulnerabilities',
      words: ['known vulnerability', 'known vulnerabilities'],
    },
  },
  'team-knowledge': {
    noun: 'knowledge problem',
    detail: {
      // A dormant repository is not one whose people left: it stopped (its action says which it is).
      test: (f) => f.rule === 'knowledge-departed' && f.detail !== DORMANT_ACTION,
      words: ['resting on people who left', 'resting on people who left'],
    },
  },
  delivery: { noun: 'delivery problem' },
  'budget-vendors': { noun: 'budget problem' },
};

/** The area's sentence: what its rating means, with the counts that make it. */
function areaSentence(s: AreaSection, overdue: number): string {
  if (s.rating === 'grey') return s.line;
  // Counted at their rated severity (exposure-weighted, docs/report.md#rating-rule): what only
  // development, test or CI tooling has is said apart, not counted with what ships.
  const serious = s.findings.filter((f) => SERIOUS.includes(ratedSeverity(f)));
  const lowered = s.findings.filter(
    (f) => SERIOUS.includes(f.severity) && !SERIOUS.includes(ratedSeverity(f)),
  ).length;
  const counts = countsInWords(serious);
  const { noun, detail } = NOUNS[s.id];
  const tooling =
    lowered > 0 ? `; ${lowered} more only in development, test or CI tooling, weighed as low` : '';
  const late = `${overdue > 0 ? `, ${overdue} past ${overdue === 1 ? 'its' : 'their'} due date` : ''}${tooling}`;
  if (!counts) {
    const figures =
      s.reasons.length === 0
        ? ''
        : `, but ${s.reasons.length === 1 ? 'a figure crosses its' : `${s.reasons.length} figures cross their`} rating threshold`;
    return `${LEAD[s.rating]}: no critical, high or medium ${noun} open${late}${figures}.`;
  }
  const n = detail ? serious.filter(detail.test).length : 0;
  const words = detail?.words[n === 1 ? 0 : 1] ?? '';
  const of = n > 0 ? ` (${n} ${words})` : '';
  return `${LEAD[s.rating]}: ${counts} ${noun}${serious.length === 1 ? '' : 's'} open${of}${late}.`;
}

/** What drives the rating: the metric rules that fired, then the most severe findings, at most `n`. */
function areaDrivers(s: AreaSection, n = 3): string[] {
  const out = [...s.reasons];
  const rated = (f: ReportFinding) => ratedSeverity(f);
  const worst = s.findings.filter((f) => rated(f) === 'critical' || rated(f) === 'high');
  const shown = (worst.length > 0 ? worst : s.findings.filter((f) => rated(f) === 'medium')).slice(
    0,
    Math.max(0, n - out.length),
  );
  // A finding weighed lower than its own severity says where it is exposed ("high, in ci").
  for (const f of shown) {
    const where = rated(f) !== f.severity && f.exposure ? `, in ${f.exposure}` : '';
    out.push(`${f.severity}${where}: ${f.title} (${f.repository})`);
  }
  return out.slice(0, n);
}

/** The summary row of each area, its headline the area's first KPI. */
export function summaryAreas(
  sections: readonly AreaSection[],
  register: readonly RiskRow[],
  today: string,
): SummaryArea[] {
  return sections.map((s) => {
    const overdue = register.filter((r) => r.area === s.id && overdueDays(r, today) !== null).length;
    return {
      id: s.id,
      title: s.title,
      rating: s.rating,
      line: s.line,
      sentence: areaSentence(s, overdue),
      drivers: areaDrivers(s),
      headline: s.kpis[0] ?? null,
    };
  });
}
