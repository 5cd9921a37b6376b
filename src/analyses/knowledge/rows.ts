// Rows of the knowledge analysis's tables (migrations 0007 and 0019).
import type { TableRow } from '../../store/store.ts';
import type { KnowledgeResult } from './compute.ts';
import type { Contributor, DayActivity, MonthActivity } from './contributors.ts';

export function contributorRows(
  snapshotId: number,
  contributors: readonly Contributor[],
  months: readonly MonthActivity[],
  days: readonly DayActivity[],
): {
  people: TableRow<'people'>[];
  person_months: TableRow<'person_months'>[];
  person_days: TableRow<'person_days'>[];
} {
  return {
    person_days: days.map((d) => ({
      snapshot_id: snapshotId,
      person_id: d.personId,
      day: d.day,
      commits: d.commits,
    })),
    people: contributors.map((c) => ({
      snapshot_id: snapshotId,
      person_id: c.personId,
      name: c.name,
      names: JSON.stringify(c.names),
      emails: JSON.stringify(c.emails),
      bot: c.bot ? 1 : 0,
      commits: c.commits,
      lines_added: c.linesAdded,
      lines_deleted: c.linesDeleted,
      first_commit_at: c.firstCommitAt,
      first_commit_ts: c.firstCommitTs,
      last_commit_at: c.lastCommitAt,
      last_commit_ts: c.lastCommitTs,
      commits_90d: c.commits90d,
      commits_365d: c.commits365d,
    })),
    person_months: months.map((m) => ({
      snapshot_id: snapshotId,
      person_id: m.personId,
      period: m.period,
      commits: m.commits,
      lines_added: m.linesAdded,
      lines_deleted: m.linesDeleted,
    })),
  };
}

export function fileRows(
  snapshotId: number,
  k: KnowledgeResult,
): { knowledge_files: TableRow<'knowledge_files'>[]; file_authors: TableRow<'file_authors'>[] } {
  return {
    knowledge_files: k.files.map((f) => ({
      snapshot_id: snapshotId,
      path: f.path,
      folder: f.folder,
      commits: f.commits,
      commits_365d: f.commits365d,
      lines: f.lines,
      authors: f.authors.length,
    })),
    file_authors: k.files.flatMap((f) =>
      f.authors.map((a, i) => ({
        snapshot_id: snapshotId,
        path: f.path,
        person_id: a,
        doa: f.authorDoa[i] ?? 0,
      })),
    ),
  };
}
