// People and knowledge: the history facts the `knowledge` analysis reads, and what the people,
// knowledge and teams commands show.

import { sql } from 'kysely';
import { ACTIVE_WINDOW_DAYS, dayBefore, RECENT_WINDOW_DAYS } from '../reference-date.ts';
import type { Store } from './store.ts';

export interface CommitFact {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorDate: string;
  authorTs: number;
  committerTs: number;
  linesAdded: number;
  linesDeleted: number;
}

export interface ChangeFact {
  commitSha: string;
  path: string;
  oldPath: string | null;
  status: string;
}

export interface TreeFileFact {
  path: string;
  lines: number | null;
  /** null when the tree stage did not read the file (over the size cap, or its object is missing). */
  isBinary: number | null;
  size: number | null;
}

/** The columns of `commits` a CommitFact is made of (commitFact). */
export const COMMIT_FACT_COLUMNS = [
  'sha',
  'parents',
  'author_name',
  'author_email',
  'author_date',
  'author_ts',
  'committer_ts',
  'lines_added',
  'lines_deleted',
] as const;

/** A row of COMMIT_FACT_COLUMNS as the analyses read it. */
export function commitFact(r: {
  sha: string;
  parents: string;
  author_name: string;
  author_email: string;
  author_date: string;
  author_ts: number | string;
  committer_ts: number | string;
  lines_added: number;
  lines_deleted: number;
}): CommitFact {
  return {
    sha: r.sha,
    parents: r.parents === '' ? [] : r.parents.split(' '),
    authorName: r.author_name,
    authorEmail: r.author_email,
    authorDate: r.author_date,
    authorTs: Number(r.author_ts),
    committerTs: Number(r.committer_ts),
    linesAdded: r.lines_added,
    linesDeleted: r.lines_deleted,
  };
}

/** Commits and file changes of a snapshot's history (the union of its segments). */
export async function historyFacts(
  store: Store,
  segments: readonly number[],
): Promise<{ commits: CommitFact[]; changes: ChangeFact[] }> {
  if (segments.length === 0) return { commits: [], changes: [] };
  const rows = await store.db
    .selectFrom('commits')
    .select(COMMIT_FACT_COLUMNS)
    .where('snapshot_id', 'in', [...segments])
    .execute();
  const commits = rows.map(commitFact);
  // Named as the facts are: one object per change (a tree of a million files has that many).
  const changes = await store.db
    .selectFrom('file_changes')
    .select(['commit_sha as commitSha', 'path', 'old_path as oldPath', 'status'])
    .where('snapshot_id', 'in', [...segments])
    .execute();
  return { commits, changes };
}

/** Regular files (not symlinks or submodules) of a snapshot's tree. */
export async function treeFiles(store: Store, snapshotId: number): Promise<TreeFileFact[]> {
  return store.db
    .selectFrom('files')
    .select(['path', 'lines', 'is_binary as isBinary', 'size'])
    .where('snapshot_id', '=', snapshotId)
    .where('kind', 'in', ['file', 'executable'])
    .execute();
}

export interface StoredPerson {
  repository: string;
  snapshotId: number;
  personId: string;
  name: string;
  names: string[];
  emails: string[];
  bot: boolean;
  commits: number;
  linesAdded: number;
  linesDeleted: number;
  firstCommitAt: string;
  lastCommitAt: string;
  lastCommitTs: number;
  commits90d: number;
  commits365d: number;
}

/**
 * Contributors of every repository's current snapshot (or of one repository), their commits in the
 * 90 and 365 days up to the reference `day` counted from `person_days` (window-free facts). A
 * snapshot written before those were stored keeps the counts of its scan.
 */
export async function currentPeople(store: Store, day: string, repository?: string): Promise<StoredPerson[]> {
  let q = store.db
    .selectFrom('people as p')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'p.snapshot_id')
    .select([
      'r.name as repository',
      'p.snapshot_id',
      'p.person_id',
      'p.name',
      'p.names',
      'p.emails',
      'p.bot',
    ])
    .select(['p.commits', 'p.lines_added', 'p.lines_deleted', 'p.first_commit_at', 'p.last_commit_at'])
    .select(['p.last_commit_ts', 'p.commits_90d', 'p.commits_365d']);
  if (repository !== undefined) q = q.where('r.name', '=', repository);
  const rows = await q.orderBy('r.name').orderBy('p.person_id').execute();
  const recent = await recentCommits(store, day, repository);
  return rows.map((r) => ({
    repository: r.repository,
    snapshotId: r.snapshot_id,
    personId: r.person_id,
    name: r.name,
    names: JSON.parse(r.names) as string[],
    emails: JSON.parse(r.emails) as string[],
    bot: r.bot === 1,
    commits: r.commits,
    linesAdded: r.lines_added,
    linesDeleted: r.lines_deleted,
    firstCommitAt: r.first_commit_at,
    lastCommitAt: r.last_commit_at,
    lastCommitTs: Number(r.last_commit_ts),
    ...(recent.get(r.snapshot_id)?.get(r.person_id) ??
      (recent.has(r.snapshot_id)
        ? { commits90d: 0, commits365d: 0 }
        : { commits90d: r.commits_90d, commits365d: r.commits_365d })),
  }));
}

/** Per snapshot with daily activity stored, per person: commits in the 90 and 365 days up to `day`. */
async function recentCommits(
  store: Store,
  day: string,
  repository?: string,
): Promise<Map<number, Map<string, { commits90d: number; commits365d: number }>>> {
  let q = store.db
    .selectFrom('person_days as d')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'd.snapshot_id')
    .select(['d.snapshot_id', 'd.person_id', 'd.day', 'd.commits']);
  if (repository !== undefined) q = q.where('r.name', '=', repository);
  const from90 = dayBefore(day, RECENT_WINDOW_DAYS);
  const from365 = dayBefore(day, ACTIVE_WINDOW_DAYS);
  const out = new Map<number, Map<string, { commits90d: number; commits365d: number }>>();
  for (const r of await q.execute()) {
    const people = out.get(r.snapshot_id) ?? new Map<string, { commits90d: number; commits365d: number }>();
    out.set(r.snapshot_id, people);
    const e = people.get(r.person_id) ?? { commits90d: 0, commits365d: 0 };
    people.set(r.person_id, e);
    if (r.day > day) continue;
    if (r.day > from90) e.commits90d += r.commits;
    if (r.day > from365) e.commits365d += r.commits;
  }
  return out;
}

export interface StoredKnowledgeFile {
  repository: string;
  path: string;
  folder: string;
  commits: number;
  commits365d: number;
  lines: number | null;
  authors: string[];
}

/** Files considered for the truck factor in current snapshots, with their authors (person ids per snapshot). */
export async function currentKnowledgeFiles(
  store: Store,
  repository?: string,
): Promise<StoredKnowledgeFile[]> {
  let files = store.db
    .selectFrom('knowledge_files as k')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'k.snapshot_id')
    .select(['r.name as repository', 'k.path', 'k.folder', 'k.commits', 'k.commits_365d', 'k.lines']);
  let authors = store.db
    .selectFrom('file_authors as a')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'a.snapshot_id')
    .select(['r.name as repository', 'a.path', 'a.person_id']);
  if (repository !== undefined) {
    files = files.where('r.name', '=', repository);
    authors = authors.where('r.name', '=', repository);
  }
  const byFile = new Map<string, string[]>();
  for (const a of await authors.orderBy('a.doa', 'desc').execute()) {
    const key = `${a.repository}\0${a.path}`;
    byFile.set(key, [...(byFile.get(key) ?? []), a.person_id]);
  }
  const rows = await files.orderBy('r.name').orderBy('k.path').execute();
  return rows.map((r) => ({
    repository: r.repository,
    path: r.path,
    folder: r.folder,
    commits: r.commits,
    commits365d: r.commits_365d,
    lines: r.lines,
    authors: byFile.get(`${r.repository}\0${r.path}`) ?? [],
  }));
}

export interface StoredCodeOwnerRule {
  repository: string;
  source: string;
  line: number;
  pattern: string;
  owners: string[];
}

export async function currentCodeOwners(store: Store): Promise<StoredCodeOwnerRule[]> {
  const rows = await store.db
    .selectFrom('code_owners as c')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'c.snapshot_id')
    .select(['r.name as repository', 'c.source', 'c.line', 'c.pattern', 'c.owners'])
    .orderBy('r.name')
    .orderBy('c.line')
    .execute();
  return rows.map((r) => ({ ...r, owners: r.owners === '' ? [] : r.owners.split(' ') }));
}

export interface OwnershipLines {
  repository: string;
  path: string;
  authorName: string;
  authorEmail: string;
  lines: number;
}

/** Blame line ownership of current snapshots, when the `ownership` table exists; null otherwise. */
export async function currentOwnership(store: Store, repository?: string): Promise<OwnershipLines[] | null> {
  const tables = await store.db.introspection.getTables();
  const here = (schema: string | undefined) =>
    store.engine === 'sqlite' || schema === (store.schema ?? 'public');
  if (!tables.some((t) => t.name === 'ownership' && here(t.schema))) return null;
  const rows = await sql<{
    repository: string;
    path: string;
    author_name: string;
    author_email: string;
    lines: number;
  }>`
    select r.name as repository, o.path, o.author_name, o.author_email, o.lines
    from ownership o join repositories r on r.current_snapshot_id = o.snapshot_id
    ${repository === undefined ? sql`` : sql`where r.name = ${repository}`}`.execute(store.db);
  return rows.rows.map((r) => ({
    repository: r.repository,
    path: r.path,
    authorName: r.author_name,
    authorEmail: r.author_email,
    lines: Number(r.lines),
  }));
}

/** Repositories whose current snapshot has a regular file at one of `paths`, with those paths. */
export async function currentFilesAt(store: Store, paths: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (paths.length === 0) return out;
  const rows = await store.db
    .selectFrom('files as f')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'f.snapshot_id')
    .select(['r.name as repository', 'f.path'])
    .where('f.path', 'in', [...paths])
    .where('f.kind', 'in', ['file', 'executable'])
    .orderBy('r.name')
    .orderBy('f.path')
    .execute();
  for (const r of rows) out.set(r.repository, [...(out.get(r.repository) ?? []), r.path]);
  return out;
}

export interface StoredTruckFactor {
  repository: string;
  scope: string;
  subject: string;
  value: number;
  people: string[];
}

/** Truck-factor metrics (repository and folders) of current snapshots, . */
export async function currentTruckFactors(store: Store, repository?: string): Promise<StoredTruckFactor[]> {
  let q = store.db
    .selectFrom('metrics as m')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'm.snapshot_id')
    .select(['r.name as repository', 'm.scope', 'm.subject', 'm.value', 'm.evidence'])
    .where('m.analysis', '=', 'knowledge')
    .where('m.metric', '=', 'truck-factor');
  if (repository !== undefined) q = q.where('r.name', '=', repository);
  const rows = await q.orderBy('r.name').orderBy('m.scope', 'desc').orderBy('m.subject').execute();
  return rows.map((r) => ({
    repository: r.repository,
    scope: r.scope,
    subject: r.subject,
    value: Number(r.value ?? 0),
    people: (JSON.parse(r.evidence ?? '{}') as { people?: string[] }).people ?? [],
  }));
}

/** Distinct author e-mails, as written, of the current snapshots' histories (or one repository's). */
export async function currentAuthorEmails(store: Store, repository?: string): Promise<string[]> {
  let q = store.db
    .selectFrom('repositories as r')
    .innerJoin('snapshot_segments as g', 'g.snapshot_id', 'r.current_snapshot_id')
    .innerJoin('commits as c', 'c.snapshot_id', 'g.segment_id')
    .select('c.author_email')
    .distinct();
  if (repository !== undefined) q = q.where('r.name', '=', repository);
  return (await q.execute()).map((r) => r.author_email);
}

export interface StoredPersonMonth {
  repository: string;
  personId: string;
  /** `YYYY-MM` (UTC). */
  month: string;
  commits: number;
}

/** Commits per person and calendar month in every repository's current snapshot, bots left out. */
export async function currentPersonMonths(store: Store): Promise<StoredPersonMonth[]> {
  const rows = await store.db
    .selectFrom('person_months as m')
    .innerJoin('repositories as r', 'r.current_snapshot_id', 'm.snapshot_id')
    .innerJoin('people as p', (j) =>
      j.onRef('p.snapshot_id', '=', 'm.snapshot_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['r.name as repository', 'm.person_id', 'm.period', 'm.commits'])
    .where('p.bot', '=', 0)
    .orderBy('r.name')
    .orderBy('m.period')
    .orderBy('m.person_id')
    .execute();
  return rows.map((r) => ({
    repository: r.repository,
    personId: r.person_id,
    month: r.period,
    commits: Number(r.commits),
  }));
}
