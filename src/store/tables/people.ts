// Knowledge analysis: people, their months, files and their authors (docs/metrics/people.md).

/** A contributor of a snapshot's history: one resolved identity (analysis `knowledge`, docs/metrics/people.md). */
export interface PeopleTable {
  snapshot_id: number;
  person_id: string;
  name: string;
  /** JSON arrays of the names and e-mails seen (after .mailmap). */
  names: string;
  emails: string;
  bot: number;
  commits: number;
  lines_added: number;
  lines_deleted: number;
  first_commit_at: string;
  first_commit_ts: number;
  last_commit_at: string;
  last_commit_ts: number;
  commits_90d: number;
  commits_365d: number;
}

/** A contributor's commits and lines per calendar month (`YYYY-MM`, UTC). */
export interface PersonMonthsTable {
  snapshot_id: number;
  person_id: string;
  period: string;
  commits: number;
  lines_added: number;
  lines_deleted: number;
}

/** A contributor's commits on one day (`YYYY-MM-DD`, UTC): windows are counted from it at read time (migration 0019). */
export interface PersonDaysTable {
  snapshot_id: number;
  person_id: string;
  day: string;
  commits: number;
}

/** A file considered for the truck factor, with its change counts and number of authors. */
export interface KnowledgeFilesTable {
  snapshot_id: number;
  path: string;
  folder: string;
  commits: number;
  commits_365d: number;
  lines: number | null;
  authors: number;
}

/** An author (by degree of authorship) of a file considered for the truck factor. */
export interface FileAuthorsTable {
  snapshot_id: number;
  path: string;
  person_id: string;
  doa: number;
}
