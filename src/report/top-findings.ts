// The findings that matter in an area (docs/report.md, "Findings that matter"): the same finding in
// several repositories once, ranked by the risk score where the finding is a scored problem
// (docs/risk.md), then by severity as weighed by exposure (areas/classify.ts); the top five are shown
// in the section, every finding in the appendix.
import { ratedSeverity } from './areas/classify.ts';
import type { ReportFinding, TopFinding } from './types.ts';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

export function topFindings(
  findings: readonly ReportFinding[],
  scores: ReadonlyMap<string, number>,
  n = 5,
): TopFinding[] {
  const groups = new Map<string, TopFinding>();
  for (const f of findings) {
    const key = `${f.rule}\0${f.subject}\0${f.title}`;
    const score = scores.get(f.id) ?? null;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { id: f.id, score, repositories: [f.repository] });
      continue;
    }
    if (!g.repositories.includes(f.repository)) g.repositories.push(f.repository);
    // The group shows as its highest-scored member.
    if (score !== null && (g.score === null || score > g.score)) Object.assign(g, { id: f.id, score });
  }
  const severity = new Map(findings.map((f) => [f.id, SEVERITY_ORDER.indexOf(ratedSeverity(f))]));
  return [...groups.values()]
    .sort(
      (a, b) =>
        (b.score ?? -1) - (a.score ?? -1) ||
        (severity.get(a.id) ?? 9) - (severity.get(b.id) ?? 9) ||
        b.repositories.length - a.repositories.length,
    )
    .slice(0, n);
}
