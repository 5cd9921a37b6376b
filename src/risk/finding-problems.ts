// The findings analyses stored for the selected snapshots, each a problem keyed by analysis, rule,
// repository and subject (the subject of a stored finding carries no snapshot id).
import { DEFAULT_EXPOSURE_PATHS, decideExposure, type ExposurePaths } from '../collectors/exposure.ts';
import { EXPOSURES } from '../collectors/types.ts';
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

/**
 * Rules whose findings are parts of one problem per repository: every folder whose authors all left,
 * every most-changed file with a single author. A CTO acts on "axios: 6 folders whose authors all
 * left" once, not six times; the key has no subject, so a seventh folder does not open a new problem.
 */
const PER_REPOSITORY: Record<string, (subjects: string[]) => string> = {
  'folder-authors-inactive': (s) =>
    `Every author of ${s.length} top-level folders has made no commit in the 365 days before the reference date: ${listed(s)}`,
  'single-author-hotspot': (s) => `${s.length} of the most changed files have one author each: ${listed(s)}`,
};

function listed(subjects: string[]): string {
  const names = subjects.map((s) => (s === '.' ? 'root files' : s));
  return names.length <= 4
    ? names.join(', ')
    : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

const union = (lists: (string[] | undefined)[]): string[] | undefined => {
  const all = [...new Set(lists.flatMap((l) => l ?? []))];
  return all.length > 0 ? all : undefined;
};

/** One problem per repository for the rules of PER_REPOSITORY; other problems as they are. */
export function groupPerRepository(problems: Problem[]): Problem[] {
  const out: Problem[] = [];
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const rule = p.kind.split(':')[2] ?? '';
    if (!(rule in PER_REPOSITORY)) {
      out.push(p);
      continue;
    }
    const key = `${p.kind}:${p.repository}:`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  for (const [key, list] of groups) {
    const parts = [...list].sort((a, b) => a.subject.localeCompare(b.subject));
    const first = parts[0] as Problem;
    const rule = first.kind.split(':')[2] as string;
    const severity = SEVERITIES.find((s) => parts.some((p) => p.severity === s)) ?? first.severity;
    const exposure = EXPOSURES.find((e) => parts.some((p) => p.exposure === e)) ?? first.exposure;
    out.push({
      ...first,
      key,
      subject: '',
      title:
        parts.length === 1
          ? first.title
          : (PER_REPOSITORY[rule] as (s: string[]) => string)(parts.map((p) => p.subject)),
      severity,
      exposure,
      owner: parts.find((p) => p.owner !== 'unassigned')?.owner ?? first.owner,
      occurrences: parts.flatMap((p) => p.occurrences),
      evidence: {
        ...first.evidence,
        files: union(parts.map((p) => p.evidence.files)),
        people: union(parts.map((p) => p.evidence.people)),
        commits: union(parts.map((p) => p.evidence.commits)),
      },
    });
  }
  return out;
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
  return groupPerRepository(
    (await findingsOf(store, ids))
      .filter((f) => !judged.has(f.analysis))
      .filter((f) => SEVERITIES.includes(f.severity as Severity) && f.severity !== 'info')
      .map((f) =>
        toProblem(f, repoOf.get(f.snapshotId) ?? '', areas.get(`${f.snapshotId}:${f.analysis}`) ?? '', ctx),
      ),
  );
}
