// Delivery analysis: releases and activity (docs/metrics/delivery.md).

/** A version tag of a snapshot, with the changes it first released (analysis `delivery`, docs/metrics/delivery.md). */
export interface DeliveryReleasesTable {
  snapshot_id: number;
  tag: string;
  version: string;
  prerelease: number;
  commit_sha: string;
  commit_date: string;
  tag_date: string | null;
  released_at: string;
  released_ts: number;
  /** Non-merge commits first released here; null for pre-releases. */
  changes: number | null;
  lead_median_days: number | null;
  lead_p90_days: number | null;
  failed: number | null;
  rework: number | null;
  /** JSON: why the release counts as failed or rework, and the commits behind it. */
  reasons: string | null;
}

/** Commits, contributors and lines per ISO week or month (analysis `delivery`). */
export interface DeliveryActivityTable {
  snapshot_id: number;
  period_kind: string;
  period_start: string;
  commits: number;
  contributors: number;
  lines_added: number;
  lines_deleted: number;
}
