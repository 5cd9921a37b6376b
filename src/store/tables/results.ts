// Metrics and findings of every analysis (docs/metrics.md).

export interface MetricsTable {
  snapshot_id: number;
  analysis: string;
  metric: string;
  /** What the number is about: repository, folder, file, person, team, package. */
  scope: string;
  /** The folder or file path, person or team id; '' for the repository itself. */
  subject: string;
  value: number | null;
  unit: string | null;
  /** JSON: the commits, files, packages or advisories behind the number. */
  evidence: string | null;
}

export interface FindingsTable {
  snapshot_id: number;
  analysis: string;
  rule: string;
  severity: string;
  subject: string;
  title: string;
  detail: string | null;
  /** The team that owns the subject, when known. */
  owner: string | null;
  evidence: string | null;
}
