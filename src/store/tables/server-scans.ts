// Scans started from `cto serve` (docs/server.md#scans) and their repositories. Not per snapshot.
import type { Generated } from 'kysely';

export interface ServerScansTable {
  id: Generated<number>;
  /** `api` (a user's request) or `schedule` (a cron line of cto.yaml). */
  trigger: string;
  /** The user's email, or `schedule:<cron>`. */
  actor: string;
  /** JSON: `"all"` or the list of repository names asked for. */
  scope: string;
  /** `process` (run in the server, SQLite) or `queue` (jobs for `cto worker`, PostgreSQL). */
  mode: string;
  /** `running`, `done` or `failed` (the scan could not start or stopped). */
  status: string;
  /** Repositories the scan covers, known once they were found; null before. */
  total: number | null;
  created_at: string;
  finished_at: string | null;
  error: string | null;
}

/** One repository of a server scan: waiting or running, then its outcome (a scan's status and error). */
export interface ServerScanItemsTable {
  id: Generated<number>;
  scan_id: number;
  name: string;
  path: string;
  /** The queue job's id (`queue` mode). */
  job_id: string | null;
  /** `waiting`, `running`, or a scan outcome: `ok`, `partial`, `unchanged`, `skipped`, `failed`. */
  status: string;
  error_code: string | null;
  error_message: string | null;
  finished_at: string | null;
}
