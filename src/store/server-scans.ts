// The store side of scans started from `cto serve` (docs/server.md#scans): the scan rows and one row
// per repository with its outcome.
import type { Selectable } from 'kysely';
import type { ServerScanItemsTable, ServerScansTable } from './schema.ts';
import type { Store } from './store.ts';

export type ServerScanRow = Selectable<ServerScansTable>;
export type ServerScanItemRow = Selectable<ServerScanItemsTable>;
type NewItem = Pick<
  ServerScanItemRow,
  'name' | 'path' | 'job_id' | 'status' | 'error_code' | 'error_message'
>;

export async function insertServerScan(
  store: Store,
  scan: Pick<ServerScanRow, 'trigger' | 'actor' | 'scope' | 'mode' | 'created_at'>,
): Promise<number> {
  const row = await store.db
    .insertInto('server_scans')
    .values({ ...scan, status: 'running', total: null, finished_at: null, error: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setServerScanTotal(store: Store, id: number, total: number): Promise<void> {
  await store.db.updateTable('server_scans').set({ total }).where('id', '=', id).execute();
}

export async function finishServerScan(
  store: Store,
  id: number,
  end: { status: 'done' | 'failed'; at: string; error: string | null },
): Promise<void> {
  await store.db
    .updateTable('server_scans')
    .set({ status: end.status, finished_at: end.at, error: end.error })
    .where('id', '=', id)
    .execute();
}

/** Scans left `running` in the server's own process by a server that stopped: failed, with the reason. */
export async function abandonProcessScans(store: Store, at: string, reason: string): Promise<void> {
  await store.db
    .updateTable('server_scans')
    .set({ status: 'failed', finished_at: at, error: reason })
    .where('mode', '=', 'process')
    .where('status', '=', 'running')
    .execute();
}

export async function insertServerScanItems(store: Store, scanId: number, items: NewItem[]): Promise<void> {
  if (items.length === 0) return;
  await store.db
    .insertInto('server_scan_items')
    .values(
      items.map((i) => ({
        ...i,
        scan_id: scanId,
        finished_at: i.status === 'waiting' || i.status === 'running' ? null : new Date().toISOString(),
      })),
    )
    .execute();
}

export async function settleServerScanItem(
  store: Store,
  id: number,
  outcome: { status: string; errorCode: string | null; errorMessage: string | null; at: string | null },
): Promise<void> {
  await store.db
    .updateTable('server_scan_items')
    .set({
      status: outcome.status,
      error_code: outcome.errorCode,
      error_message: outcome.errorMessage,
      finished_at: outcome.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Scans, newest first. */
export async function listServerScans(store: Store): Promise<ServerScanRow[]> {
  return store.db.selectFrom('server_scans').selectAll().orderBy('id', 'desc').execute();
}

export async function serverScan(store: Store, id: number): Promise<ServerScanRow | undefined> {
  return store.db.selectFrom('server_scans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The repositories of the given scans, in the order they were added. */
export async function serverScanItems(
  store: Store,
  scanIds: readonly number[],
): Promise<ServerScanItemRow[]> {
  if (scanIds.length === 0) return [];
  return store.db
    .selectFrom('server_scan_items')
    .selectAll()
    .where('scan_id', 'in', scanIds)
    .orderBy('id')
    .execute();
}
