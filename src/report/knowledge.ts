// Team knowledge at the report's date: who has departed, the truck factor among active people and
// the knowledge-departed finding, counted again from window-free stored facts (docs/risk.md,
// "Reference date"), so a report dated later than the scan does not show people who left as active.

import { buildDirectory } from '../analyses/knowledge/directory.ts';
import { DORMANT_ACTION, departedTitle } from '../analyses/knowledge/findings.ts';
import { knowledgeReport, type RepositoryKnowledge } from '../analyses/knowledge/views.ts';
import { referenceTs } from '../reference-date.ts';
import type { StoredPerson } from '../store/people.ts';
import { currentKnowledgeFiles, currentPeople, currentTruckFactors } from '../store/people.ts';
import type { ReportSnapshot } from '../store/report.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_ACTIONS } from './areas/classify.ts';
import type { AreaId, ReportFinding, TopRisk } from './types.ts';

export interface ReportKnowledge {
  repositories: RepositoryKnowledge[];
  /** Contributors of the report's snapshots, their windows counted back from the report's day. */
  people: StoredPerson[];
  day: string;
}

export async function knowledgeAt(
  store: Store,
  snapshots: readonly ReportSnapshot[],
  now: Date,
): Promise<ReportKnowledge> {
  const day = now.toISOString().slice(0, 10);
  const names = new Set(snapshots.map((s) => s.repository));
  const people = (await currentPeople(store, day)).filter((p) => names.has(p.repository));
  const directory = buildDirectory(people, {});
  const repositories = knowledgeReport(
    {
      tfs: (await currentTruckFactors(store)).filter((t) => names.has(t.repository)),
      files: (await currentKnowledgeFiles(store)).filter((f) => names.has(f.repository)),
      people,
      referenceTs: referenceTs(day),
    },
    directory,
    false,
  );
  return { repositories, people, day };
}

type AreaFinding = ReportFinding & { area: AreaId };

/**
 * The stored `knowledge-departed` findings judged again at the report's day: kept where the
 * repository's key people have all departed at that day (titled as at that day: a repository may
 * have become dormant since the scan), dropped where not, added where the scan's day was earlier
 * (evidence: the key people's ids).
 */
export function departedFindings(
  findings: readonly AreaFinding[],
  knowledge: ReportKnowledge,
  make: (repository: string, title: string, people: string[], detail: string | null) => AreaFinding,
): AreaFinding[] {
  const rests = new Map(knowledge.repositories.map((r) => [r.repository, r]));
  const titleOf = (r: RepositoryKnowledge) =>
    departedTitle(r.active.keyPeople, r.active.truckFactor, r.active.dormantSince);
  const detailOf = (r: RepositoryKnowledge) => (r.active.dormantSince === null ? null : DORMANT_ACTION);
  const kept = findings.flatMap((f) => {
    if (f.rule !== 'knowledge-departed') return [f];
    const r = rests.get(f.repository);
    if (r?.active.restsOnDeparted !== true) return [];
    const detail = detailOf(r);
    return [{ ...f, title: titleOf(r), detail, action: detail ?? DEFAULT_ACTIONS[f.area] }];
  });
  const have = new Set(kept.filter((f) => f.rule === 'knowledge-departed').map((f) => f.repository));
  for (const r of knowledge.repositories) {
    if (!r.active.restsOnDeparted || have.has(r.repository)) continue;
    kept.push(
      make(
        r.repository,
        titleOf(r),
        r.people.map((p) => p.person),
        detailOf(r),
      ),
    );
  }
  return kept;
}

/**
 * Top risks from `knowledge-departed` findings with the finding's title and action as judged at the
 * report's day: the register keeps the words of the last scan, which may be older (a repository that
 * has turned dormant since).
 */
export function departedRisks(risks: readonly TopRisk[], findings: readonly ReportFinding[]): TopRisk[] {
  const departed = new Map(findings.filter((f) => f.rule === 'knowledge-departed').map((f) => [f.id, f]));
  return risks.map((r) => {
    const f = r.findingId === null ? undefined : departed.get(r.findingId);
    return f ? { ...r, title: f.title, action: f.action } : r;
  });
}
