// The findings analyses stored for the selected snapshots, each a problem keyed by analysis, rule,
// repository and subject (the subject of a stored finding carries no snapshot id).
import { DEFAULT_EXPOSURE_PATHS, decideExposure, type ExposurePaths } from '../collectors/exposure.ts';
import { DEFAULT_ACTIONS, declaredArea } from '../report/areas/classify.ts';
import type { Evidence, Severity } from '../results.ts';
import { selectedSnapshots } from '../store/feed-reads.ts';
import { findingsOf, type StoredFinding } from '../store/report.ts';
import { analysisAreas } from '../store/snapshot-plugins.ts';
import type { Store } from '../store/store.ts';
import type { OwnerOf } from './owners.ts';
import type { Problem } from './types.ts';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Analyses whose stored findings are replaced by a query-time judgement in their own module. */
export const JUDGED_AT_QUERY_TIME = new Set(['licences']);

function parseEvidence(text: string | null): Evidence {
  if (!text) return {};
  try {
    const e = JSON.parse(text) as unknown;
    return e && typeof e === 'object' && !Array.isArray(e) ? (e as Evidence) : {};
  } catch {
    return {};
  }
}

interface Context {
  ownerOf: OwnerOf;
  paths: ExposurePaths;
}

function toProblem(f: StoredFinding, repository: string, area: string, ctx: Context): Problem {
  const evidence = parseEvidence(f.evidence);
  const path = f.subject;
  // A subject that is a file or folder is as exposed as code at that path; anything else is shipped.
  const exposure = decideExposure({ path }, ctx.paths);
  return {
    key: `finding:${f.analysis}:${f.rule}:${repository}:${f.subject}`,
    kind: `finding:${f.analysis}:${f.rule}`,
    area: declaredArea(area),
    repository,
    subject: f.subject,
    title: f.title,
    severity: f.severity as Severity,
    exposure,
    direct: null,
    since: null,
    owner: f.owner ?? ctx.ownerOf(repository, path ? [path] : []),
    action: f.detail ?? DEFAULT_ACTIONS[declaredArea(area)],
    occurrences: [{ path, exposure }],
    aliases: [],
    evidence,
  };
}

/** Stored findings above `info` of the selected snapshots, except those judged at query time. */
export async function storedFindingProblems(
  store: Store,
  ownerOf: OwnerOf,
  opts: { repository?: string; snapshotIds?: number[]; paths?: ExposurePaths; judged?: ReadonlySet<string> },
): Promise<Problem[]> {
  const { repository, snapshotIds } = opts;
  const ctx = { ownerOf, paths: opts.paths ?? DEFAULT_EXPOSURE_PATHS };
  const judged = opts.judged ?? JUDGED_AT_QUERY_TIME;
  const snapshots = await selectedSnapshots(store, repository, snapshotIds);
  const ids = snapshots.map((s) => s.snapshotId);
  const repoOf = new Map(snapshots.map((s) => [s.snapshotId, s.repository]));
  const areas = await analysisAreas(store, ids);
  return (await findingsOf(store, ids))
    .filter((f) => !judged.has(f.analysis))
    .filter((f) => SEVERITIES.includes(f.severity as Severity) && f.severity !== 'info')
    .map((f) =>
      toProblem(f, repoOf.get(f.snapshotId) ?? '', areas.get(`${f.snapshotId}:${f.analysis}`) ?? '', ctx),
    );
}
