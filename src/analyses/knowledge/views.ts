// What the people and knowledge commands show, computed at query time from stored rows.

import { pseudonym } from '../../people/pseudonym.ts';
import type { StoredKnowledgeFile, StoredPerson, StoredTruckFactor } from '../../store/people.ts';
import { activeKnowledge } from './departed.ts';
import type { Directory } from './directory.ts';

export interface PersonLabel {
  person: string;
  name: string;
  emails?: string[];
}

/** How a person appears in output: id and name, or a pseudonym in both when anonymising. */
function labeller(directory: Directory, anonymize: boolean): (id: string) => PersonLabel {
  return (id) => {
    if (anonymize) return { person: pseudonym(id), name: pseudonym(id) };
    const p = directory.byId.get(id);
    return { person: id, name: p?.name ?? id, emails: p?.emails ?? [] };
  };
}

interface PersonActivity extends PersonLabel {
  commits: number;
  linesAdded: number;
  linesDeleted: number;
  firstCommitAt: string;
  lastCommitAt: string;
  commits90d: number;
  commits365d: number;
  repositories: string[];
}

interface PeopleReport {
  /** `authors`: distinct author e-mails in any case (docs/metrics/people.md), bots included. */
  totals: { people: number; bots: number; commits: number; botCommits: number; authors: number };
  people: PersonActivity[];
}

export function peopleReport(
  stored: readonly StoredPerson[],
  directory: Directory,
  anonymize: boolean,
  authors: number,
): PeopleReport {
  const label = labeller(directory, anonymize);
  const byId = new Map<string, Omit<PersonActivity, keyof PersonLabel> & { bot: boolean }>();
  let commits = 0;
  let botCommits = 0;
  for (const s of stored) {
    const id = directory.globalId(s.repository, s.personId);
    const bot = s.bot || (directory.byId.get(id)?.bot ?? false);
    commits += s.commits;
    if (bot) botCommits += s.commits;
    const e = byId.get(id) ?? {
      commits: 0,
      linesAdded: 0,
      linesDeleted: 0,
      firstCommitAt: s.firstCommitAt,
      lastCommitAt: s.lastCommitAt,
      commits90d: 0,
      commits365d: 0,
      repositories: [],
      bot,
    };
    e.commits += s.commits;
    e.linesAdded += s.linesAdded;
    e.linesDeleted += s.linesDeleted;
    e.commits90d += s.commits90d;
    e.commits365d += s.commits365d;
    if (s.firstCommitAt < e.firstCommitAt) e.firstCommitAt = s.firstCommitAt;
    if (s.lastCommitAt > e.lastCommitAt) e.lastCommitAt = s.lastCommitAt;
    if (!e.repositories.includes(s.repository)) e.repositories.push(s.repository);
    byId.set(id, e);
  }
  const humans = [...byId].filter(([, e]) => !e.bot);
  const people = humans
    .map(([id, { bot: _bot, ...e }]) => ({ ...label(id), ...e, repositories: e.repositories.sort() }))
    .sort((a, b) => b.commits - a.commits || (a.person < b.person ? -1 : 1));
  const totals = { people: humans.length, bots: byId.size - humans.length, commits, botCommits, authors };
  return { totals, people };
}

export interface Share extends PersonLabel {
  files: number;
  share: number;
  /** No commit to the repository in the 365 days before the reference date. */
  departed: boolean;
}

export interface ScopeKnowledge {
  truckFactor: number;
  files: number;
  people: Share[];
}

/** The repository's knowledge at the reference date: who left, and the truck factor among those who stay. */
export interface ActiveFigures {
  truckFactor: number;
  people: PersonLabel[];
  keyPeople: number;
  activeKeyPeople: number;
  departed: PersonLabel[];
  /** Every key person has departed (finding `knowledge-departed`). */
  restsOnDeparted: boolean;
  /** The repository's last commit (epoch seconds) when nobody committed in the window; else null. */
  dormantSince: number | null;
}

export interface RepositoryKnowledge extends ScopeKnowledge {
  repository: string;
  active: ActiveFigures;
  folders: Array<ScopeKnowledge & { folder: string }>;
  singleAuthorFiles: Array<{ path: string; commits: number; lines: number | null; author: PersonLabel }>;
}

function scope(
  tf: StoredTruckFactor | undefined,
  files: readonly StoredKnowledgeFile[],
  repo: string,
  d: Directory,
  label: (id: string) => PersonLabel,
  departed: ReadonlySet<string>,
): ScopeKnowledge {
  const people = (tf?.people ?? []).map((local) => {
    const n = files.filter((f) => f.authors.includes(local)).length;
    return {
      ...label(d.globalId(repo, local)),
      files: n,
      share: files.length === 0 ? 0 : n / files.length,
      departed: departed.has(local),
    };
  });
  return { truckFactor: tf?.value ?? 0, files: files.length, people };
}

interface KnowledgeSources {
  tfs: readonly StoredTruckFactor[];
  files: readonly StoredKnowledgeFile[];
  /** Contributors of the same snapshots: their last commits tell who has departed. */
  people: readonly StoredPerson[];
  /** The last second of the reference day. */
  referenceTs: number;
}

export function knowledgeReport(
  sources: KnowledgeSources,
  directory: Directory,
  anonymize: boolean,
): RepositoryKnowledge[] {
  const { tfs, files } = sources;
  const label = labeller(directory, anonymize);
  const repos = [...new Set(tfs.map((t) => t.repository))].sort();
  return repos.map((repo) => {
    const mine = files.filter((f) => f.repository === repo);
    const repoTf = tfs.find((t) => t.repository === repo && t.scope === 'repository');
    const a = activeKnowledge({
      files: mine,
      keyPeople: repoTf?.people ?? [],
      lastCommitTs: new Map(
        sources.people.filter((p) => p.repository === repo).map((p) => [p.personId, p.lastCommitTs]),
      ),
      referenceTs: sources.referenceTs,
    });
    const departed = new Set(a.departed);
    const global = (local: string) => label(directory.globalId(repo, local));
    const active: ActiveFigures = {
      truckFactor: a.activeTruckFactor,
      people: a.activePeople.map(global),
      keyPeople: a.keyPeople.length,
      activeKeyPeople: a.activeKeyPeople.length,
      departed: a.departed.map(global),
      restsOnDeparted: a.restsOnDeparted,
      dormantSince: a.dormantSince,
    };
    const folders = tfs
      .filter((t) => t.repository === repo && t.scope === 'folder')
      .map((t) => ({
        folder: t.subject,
        ...scope(
          t,
          mine.filter((f) => f.folder === t.subject),
          repo,
          directory,
          label,
          departed,
        ),
      }));
    const singleAuthorFiles = mine
      .filter((f) => f.authors.length === 1)
      .sort((a, b) => b.commits - a.commits || (a.path < b.path ? -1 : 1))
      .map((f) => ({
        path: f.path,
        commits: f.commits,
        lines: f.lines,
        author: label(directory.globalId(repo, f.authors[0]!)),
      }));
    return {
      repository: repo,
      active,
      ...scope(repoTf, mine, repo, directory, label, departed),
      folders,
      singleAuthorFiles,
    };
  });
}
