// Cloud and SaaS spend imported from FinOps FOCUS exports (docs/costs.md). Not per snapshot: a cost
// import changes independently of scans. Amounts are exact decimal text, never floating point.
import type { Generated } from 'kysely';

export type CostImportStatus = 'active' | 'replaced';

/** One imported FOCUS file. */
export interface CostImportsTable {
  id: Generated<number>;
  /** The file as given (an absolute path). */
  source: string;
  /** SHA-256 of the CSV text (after gunzip for a .gz file): the same file is imported once. */
  sha256: string;
  /** Data rows read. */
  rows: number;
  /** JSON array of the billing periods it holds: `{ account, start, end }` (dates, end exclusive). */
  periods: string;
  /** JSON object: billing currency -> `{ billed, effective }` exact decimal sums of the whole file. */
  totals: string;
  imported_at: string;
  /** `replaced` once a later import covers every billing period it held. */
  status: CostImportStatus;
}

/**
 * Charges of one import summed per month, billing account and period, provider, service, sub account,
 * resource, tags and charge category: every dimension allocation reads, without the hourly detail.
 */
export interface CostLinesTable {
  import_id: number;
  billing_account_id: string;
  period_start: string;
  period_end: string;
  /** `YYYY-MM` of the charge period start (UTC). */
  month: string;
  currency: string;
  provider: string;
  service: string;
  service_category: string;
  charge_category: string;
  sub_account_id: string | null;
  sub_account_name: string | null;
  resource_id: string | null;
  /** Tags as JSON with sorted keys, or null. */
  tags: string | null;
  rows: number;
  /** Exact decimal text, in `currency`. */
  billed: string;
  effective: string;
}
