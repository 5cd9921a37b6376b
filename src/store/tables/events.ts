// Delivery events (docs/metrics/delivery.md#events): real deployments and incidents, recorded by
// `cto event` or the webhooks of `cto serve`. Not per snapshot. Times are ISO 8601 UTC text plus epoch seconds.
import type { Generated } from 'kysely';

export interface DeploymentsTable {
  id: Generated<number>;
  /** The sender's `id`, or one derived from the event's content: one row per event id. */
  event_id: string;
  /** The repository's name in the store. */
  repository: string;
  /** The full SHA deployed. */
  commit_sha: string;
  /** Lower case; `production` counts for the delivery metrics. */
  environment: string;
  /** `success`, `failure`, `in_progress` or `cancelled`. */
  status: string;
  started_at: string | null;
  finished_at: string;
  finished_ts: number;
  /** `webhook` or `cli`. */
  source: string;
  received_at: string;
}

export interface IncidentsTable {
  id: Generated<number>;
  event_id: string;
  repository: string;
  severity: string;
  started_at: string;
  started_ts: number;
  /** Null while the incident is open. */
  resolved_at: string | null;
  resolved_ts: number | null;
  /** The event id of the deployment that caused it, when known. */
  deployment_event_id: string | null;
  /** The commit that caused it, when known. */
  commit_sha: string | null;
  source: string;
  received_at: string;
}

/** Standard Webhooks message ids already accepted: a second message with the same id is a replay. */
export interface WebhookMessagesTable {
  webhook_id: string;
  received_at: string;
  received_ts: number;
}
