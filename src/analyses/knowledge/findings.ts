// Metrics and findings of the knowledge analysis (definitions: docs/metrics/people.md).
import { isoDay } from '../../reference-date.ts';
import type { Finding, Metric } from '../types.ts';
import type { KnowledgeResult } from './compute.ts';
import type { Contributor } from './contributors.ts';
import { type ActiveKnowledge, activeKnowledge, isDeparted } from './departed.ts';

const HOTSPOT_COUNT = 10;

/** Files of a folder named in a finding's evidence (the first, in path order). */
const FOLDER_EVIDENCE_FILES = 50;

interface FindingsInput {
  snapshotId: number;
  knowledge: KnowledgeResult;
  contributors: readonly Contributor[];
  referenceTs: number;
  /** Teams owning a path ('' for the repository). */
  ownerOf: (path: string) => string | undefined;
}

/** Departed people and the active truck factor of the repository at the input's reference date. */
function activeOf(input: FindingsInput): ActiveKnowledge {
  return activeKnowledge({
    files: input.knowledge.files,
    keyPeople: input.knowledge.truckFactor.removed.map((r) => r.person),
    lastCommitTs: new Map(input.contributors.map((c) => [c.personId, c.lastCommitTs])),
    referenceTs: input.referenceTs,
  });
}

export function knowledgeMetrics(input: FindingsInput): Metric[] {
  const { truckFactor: tf, files } = input.knowledge;
  const active = activeOf(input);
  const sql = `select path, person_id, doa from file_authors where snapshot_id = ${input.snapshotId}`;
  const people = (removed: { person: string }[]) => removed.map((r) => r.person);
  const humans = input.contributors.filter((c) => !c.bot);
  const metrics: Metric[] = [
    {
      metric: 'truck-factor',
      scope: 'repository',
      subject: '',
      value: tf.truckFactor,
      unit: 'people',
      evidence: { people: people(tf.removed), sql },
    },
    {
      metric: 'truck-factor-active',
      scope: 'repository',
      subject: '',
      value: active.activeTruckFactor,
      unit: 'people',
      evidence: { people: active.activePeople, sql },
    },
    {
      metric: 'active-key-people',
      scope: 'repository',
      subject: '',
      value: active.activeKeyPeople.length,
      unit: 'people',
      evidence: { people: active.activeKeyPeople },
    },
    {
      metric: 'truck-factor-files',
      scope: 'repository',
      subject: '',
      value: tf.files,
      unit: 'files',
      evidence: { sql },
    },
    {
      metric: 'single-author-files',
      scope: 'repository',
      subject: '',
      value: files.filter((f) => f.authors.length === 1).length,
      unit: 'files',
      evidence: {
        sql: `select path from knowledge_files where snapshot_id = ${input.snapshotId} and authors = 1`,
      },
    },
    { metric: 'contributors', scope: 'repository', subject: '', value: humans.length, unit: 'people' },
    {
      metric: 'active-contributors-90d',
      scope: 'repository',
      subject: '',
      value: humans.filter((c) => c.commits90d > 0).length,
      unit: 'people',
    },
    {
      metric: 'active-contributors-365d',
      scope: 'repository',
      subject: '',
      value: humans.filter((c) => c.commits365d > 0).length,
      unit: 'people',
    },
  ];
  for (const f of tf.folders)
    metrics.push({
      metric: 'truck-factor',
      scope: 'folder',
      subject: f.folder,
      value: f.truckFactor,
      unit: 'people',
      evidence: { people: people(f.removed), sql },
    });
  return metrics;
}

/**
 * The title of a `knowledge-departed` finding (the scan's and the report's). In a dormant repository
 * (nobody committed in the window) the people have not left it so much as it has stopped: the title
 * says so, with the day of its last commit.
 */
export function departedTitle(
  keyPeople: number,
  activeTruckFactor: number,
  dormantSince: number | null,
): string {
  if (dormantSince !== null)
    return `Dormant since ${isoDay(dormantSince)}: no commit in the 365 days before the reference date, so nobody active knows its code; archive it, or name who maintains it`;
  const who = keyPeople === 1 ? 'the one key person has' : `all ${keyPeople} key people have`;
  return `Knowledge rests on departed people: ${who} made no commit in the 365 days before the reference date (truck factor among active people: ${activeTruckFactor})`;
}

/** The action a dormant repository's finding suggests (the scan's and the report's). */
export const DORMANT_ACTION =
  'Archive it if nothing runs it; otherwise name the team that maintains it and have them build and release it once.';

function withOwner(f: Finding, owner: string | undefined): Finding {
  return owner ? { ...f, owner } : f;
}

export function knowledgeFindings(input: FindingsInput): Finding[] {
  const { truckFactor: tf, files } = input.knowledge;
  const findings: Finding[] = [];
  const departed = activeOf(input);
  // An active repository: someone committed in the 365 days before the reference date (the window that
  // also decides who has departed), so a maintainer who pauses for a season still counts; else dormant.
  const active = departed.dormantSince === null;
  if (departed.restsOnDeparted) {
    findings.push(
      withOwner(
        {
          rule: 'knowledge-departed',
          severity: 'high',
          subject: '',
          title: departedTitle(departed.keyPeople.length, departed.activeTruckFactor, departed.dormantSince),
          ...(departed.dormantSince === null ? {} : { detail: DORMANT_ACTION }),
          evidence: { people: departed.keyPeople },
        },
        input.ownerOf(''),
      ),
    );
  }
  if (tf.truckFactor === 1 && active) {
    const top = tf.removed[0]!;
    findings.push(
      withOwner(
        {
          rule: 'truck-factor-one',
          severity: 'high',
          subject: '',
          title: `Truck factor 1: one person authors ${(100 * top.share).toFixed(0)}% of ${tf.files} files of an active repository`,
          evidence: { people: [top.person] },
        },
        input.ownerOf(''),
      ),
    );
  }
  const lastSeen = new Map(input.contributors.map((c) => [c.personId, c.lastCommitTs]));
  const gone = (p: string) => isDeparted(lastSeen.get(p), input.referenceTs);
  const byFolder = new Map<string, { authors: Set<string>; files: string[] }>();
  for (const f of files) {
    const e = byFolder.get(f.folder) ?? { authors: new Set<string>(), files: [] };
    for (const a of f.authors) e.authors.add(a);
    if (e.files.length < FOLDER_EVIDENCE_FILES) e.files.push(f.path);
    byFolder.set(f.folder, e);
  }
  // In a dormant repository every folder's authors have left: the repository's finding says it once.
  const folders = active ? [...byFolder] : [];
  for (const [folder, { authors, files: evidence }] of folders.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (authors.size === 0 || ![...authors].every(gone)) continue;
    findings.push(
      withOwner(
        {
          rule: 'folder-authors-inactive',
          severity: 'medium',
          subject: folder,
          title: `Every author of ${folder === '.' ? 'the root files' : `${folder}/`} has made no commit in the 365 days before the reference date`,
          evidence: {
            people: [...authors].sort(),
            files: evidence,
          },
        },
        input.ownerOf(folder === '.' ? '' : `${folder}/`),
      ),
    );
  }
  const hot = files
    .filter((f) => f.commits365d > 0)
    .sort((a, b) => b.commits365d - a.commits365d || (a.path < b.path ? -1 : 1))
    .slice(0, HOTSPOT_COUNT);
  for (const f of hot) {
    if (f.authors.length !== 1) continue;
    findings.push(
      withOwner(
        {
          rule: 'single-author-hotspot',
          severity: 'medium',
          subject: f.path,
          title: `${f.path}: among the ${HOTSPOT_COUNT} most changed files (${f.commits365d} commits in the 365 days before the reference date) and has one author`,
          evidence: { files: [f.path], people: f.authors },
        },
        input.ownerOf(f.path),
      ),
    );
  }
  return findings;
}
