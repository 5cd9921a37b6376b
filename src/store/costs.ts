// Cost tables (docs/costs.md): replacing billing periods atomically with a new FOCUS import, and the
// reads allocation and reports build on. Amounts stay exact decimal text here.
import { insertBatched } from './bulk-insert.ts';
import type { CostImportStatus, CostLinesTable } from './schema.ts';
import { nowIso, type Store } from './store.ts';

/** One billing period of one billing account: what a corrected export replaces. */
export interface CostPeriod {
  account: string;
  /** `YYYY-MM-DD`, inclusive. */
  start: string;
  /** `YYYY-MM-DD`, exclusive. */
  end: string;
}

export interface CostImportMeta {
  source: string;
  sha256: string;
  rows: number;
  periods: CostPeriod[];
  /** Billing currency -> exact decimal sums of the file. */
  totals: Record<string, { billed: string; effective: string }>;
}

export type CostLine = Omit<CostLinesTable, 'import_id'>;

interface CostImportRow extends CostImportMeta {
  id: number;
  importedAt: string;
  status: CostImportStatus;
}

function toImportRow(r: {
  id: number;
  source: string;
  sha256: string;
  rows: number;
  periods: string;
  totals: string;
  imported_at: string;
  status: CostImportStatus;
}): CostImportRow {
  return {
    id: r.id,
    source: r.source,
    sha256: r.sha256,
    rows: r.rows,
    periods: JSON.parse(r.periods) as CostPeriod[],
    totals: JSON.parse(r.totals) as CostImportMeta['totals'],
    importedAt: r.imported_at,
    status: r.status,
  };
}

/** Cost imports, newest first; only the active ones unless `all`. */
export async function listCostImports(store: Store, all = false): Promise<CostImportRow[]> {
  let q = store.db.selectFrom('cost_imports').selectAll();
  if (!all) q = q.where('status', '=', 'active');
  return (await q.orderBy('id', 'desc').execute()).map(toImportRow);
}

/**
 * The active import of a file with these bytes that still holds every billing period it brought, or
 * null (never imported, or a later import replaced some of its periods).
 */
export async function activeCostImport(store: Store, sha256: string): Promise<CostImportRow | null> {
  const row = await store.db
    .selectFrom('cost_imports')
    .selectAll()
    .where('sha256', '=', sha256)
    .where('status', '=', 'active')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  const held = await store.db
    .selectFrom('cost_lines')
    .select(['billing_account_id', 'period_start'])
    .distinct()
    .where('import_id', '=', row.id)
    .execute();
  const imported = toImportRow(row);
  return held.length === imported.periods.length ? imported : null;
}

/**
 * In one transaction: removes every line of the billing periods the file holds (whichever import
 * brought them), stores the new lines, and marks imports left with no line as replaced. Returns the new
 * import's id and how many earlier imports it replaced.
 */
export async function replaceCostPeriods(
  store: Store,
  meta: CostImportMeta,
  lines: readonly CostLine[],
): Promise<{ id: number; replaced: number }> {
  return store.db.transaction().execute(async (trx) => {
    for (const p of meta.periods) {
      await trx
        .deleteFrom('cost_lines')
        .where('billing_account_id', '=', p.account)
        .where('period_start', '=', p.start)
        .execute();
    }
    const { id } = await trx
      .insertInto('cost_imports')
      .values({
        source: meta.source,
        sha256: meta.sha256,
        rows: meta.rows,
        periods: JSON.stringify(meta.periods),
        totals: JSON.stringify(meta.totals),
        imported_at: nowIso(),
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertBatched(
      trx,
      'cost_lines',
      lines.map((l) => ({ import_id: id, ...l })),
    );
    const emptied = await trx
      .updateTable('cost_imports')
      .set({ status: 'replaced' })
      .where('status', '=', 'active')
      .where('id', '!=', id)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('cost_lines')
              .select('import_id')
              .whereRef('cost_lines.import_id', '=', 'cost_imports.id'),
          ),
        ),
      )
      .executeTakeFirst();
    return { id, replaced: Number(emptied.numUpdatedRows) };
  });
}

/** The stored cost lines of active imports, from month `since` (`YYYY-MM`) on, oldest month first. */
export async function costLines(store: Store, since?: string): Promise<CostLine[]> {
  let q = store.db
    .selectFrom('cost_lines')
    .select([
      'billing_account_id',
      'period_start',
      'period_end',
      'month',
      'currency',
      'provider',
      'service',
      'service_category',
      'charge_category',
      'sub_account_id',
      'sub_account_name',
      'resource_id',
      'tags',
      'rows',
      'billed',
      'effective',
    ]);
  if (since) q = q.where('month', '>=', since);
  return q.orderBy('month').orderBy('provider').orderBy('service').execute();
}

/**
 * Commits per repository and month (`YYYY-MM`) of the current snapshots, from the delivery analysis's
 * monthly activity: the weights of a cost shared `by commits` (docs/costs.md#shared-costs).
 */
export async function monthlyCommits(
  store: Store,
): Promise<Array<{ repository: string; month: string; commits: number }>> {
  const rows = await store.db
    .selectFrom('repositories as r')
    .innerJoin('delivery_activity as a', 'a.snapshot_id', 'r.current_snapshot_id')
    .select(['r.name as repository', 'a.period_start', 'a.commits'])
    .where('a.period_kind', '=', 'month')
    .execute();
  return rows.map((r) => ({
    repository: r.repository,
    month: r.period_start.slice(0, 7),
    commits: Number(r.commits),
  }));
}
