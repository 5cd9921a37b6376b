// The risk register's queries (tables in tables/risk.ts): read the rows, write a sync's changes in
// one transaction, and keep events pointing at snapshots that still exist.
import { type Insertable, type Selectable, sql, type Transaction } from 'kysely';
import type { Database, RiskEventsTable, RisksTable } from './schema.ts';
import type { Store } from './store.ts';

export type RiskRow = Selectable<RisksTable>;
type RiskEventRow = Selectable<RiskEventsTable>;
export type NewRiskEvent = Insertable<RiskEventsTable>;

/** Rows of the register, all or those of some repositories. */
export async function registerRows(store: Store, repositories?: readonly string[]): Promise<RiskRow[]> {
  if (repositories && repositories.length === 0) return [];
  let q = store.db.selectFrom('risks').selectAll();
  if (repositories) q = q.where('repository', 'in', [...repositories]);
  return q.orderBy('key').execute();
}

/** The history of the register (or of some keys), oldest first. */
export async function registerEvents(store: Store, keys?: readonly string[]): Promise<RiskEventRow[]> {
  if (keys && keys.length === 0) return [];
  let q = store.db.selectFrom('risk_events').selectAll();
  if (keys) q = q.where('risk_key', 'in', [...keys]);
  return q.orderBy('id').execute();
}

const CHUNK = 200;

/** Write rows (insert or replace by key) and append events, in one transaction. */
export async function saveRegister(
  store: Store,
  rows: readonly RiskRow[],
  events: readonly NewRiskEvent[],
): Promise<void> {
  if (rows.length === 0 && events.length === 0) return;
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await trx
        .insertInto('risks')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet(() => {
            const set: Record<string, unknown> = {};
            for (const c of Object.keys(chunk[0] as RiskRow))
              if (c !== 'key') set[c] = sql.ref(`excluded.${c}`);
            return set as never;
          }),
        )
        .execute();
    }
    for (let i = 0; i < events.length; i += CHUNK)
      await trx
        .insertInto('risk_events')
        .values(events.slice(i, i + CHUNK))
        .execute();
  });
}

/** A snapshot's rows are being removed: its events keep their commit and lose the snapshot id. */
export async function detachRiskEvents(trx: Transaction<Database>, snapshotId: number): Promise<void> {
  await trx
    .updateTable('risk_events')
    .set({ snapshot_id: null })
    .where('snapshot_id', '=', snapshotId)
    .execute();
}
