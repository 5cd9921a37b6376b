// The store side of delivery events (docs/metrics/delivery.md#events): deployments and incidents, one
// row per event id, and the webhook message ids already accepted.
import type { Insertable, Selectable } from 'kysely';
import { CtoError } from '../errors.ts';
import type { DeploymentsTable, IncidentsTable } from './schema.ts';
import type { Store } from './store.ts';

export type DeploymentRow = Selectable<DeploymentsTable>;
export type IncidentRow = Selectable<IncidentsTable>;

/** What writing an event did: a new row, nothing (the same event again), or a changed row. */
export type EventWrite = 'created' | 'unchanged' | 'updated';

/** Fields that make two versions of an event different (not when or how they were received). */
function sameEvent<T extends object>(a: T, b: T, ignore: readonly string[]): boolean {
  // bigint columns read back as strings on PostgreSQL: compared as text.
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return Object.entries(a).every(
    ([k, v]) => ignore.includes(k) || text((b as Record<string, unknown>)[k]) === text(v),
  );
}

const RECEIPT = ['id', 'source', 'received_at'];

/** An event id names one event of one repository: reusing it for another is refused, never a move. */
function sameRepository(
  kind: string,
  old: { repository: string },
  row: { event_id: string; repository: string },
) {
  if (old.repository !== row.repository) {
    throw new CtoError(
      'EVENT_INVALID',
      `id: the ${kind} ${row.event_id} was recorded for ${old.repository}; give ${row.repository}'s event another id`,
    );
  }
}

export async function writeDeployment(store: Store, row: Insertable<DeploymentsTable>): Promise<EventWrite> {
  const old = await store.db
    .selectFrom('deployments')
    .selectAll()
    .where('event_id', '=', row.event_id)
    .executeTakeFirst();
  if (!old) {
    await store.db.insertInto('deployments').values(row).execute();
    return 'created';
  }
  sameRepository('deployment', old, row);
  if (sameEvent(row, old, RECEIPT)) return 'unchanged';
  await store.db.updateTable('deployments').set(row).where('event_id', '=', row.event_id).execute();
  return 'updated';
}

export async function writeIncident(store: Store, row: Insertable<IncidentsTable>): Promise<EventWrite> {
  const old = await store.db
    .selectFrom('incidents')
    .selectAll()
    .where('event_id', '=', row.event_id)
    .executeTakeFirst();
  if (!old) {
    await store.db.insertInto('incidents').values(row).execute();
    return 'created';
  }
  sameRepository('incident', old, row);
  if (sameEvent(row, old, RECEIPT)) return 'unchanged';
  await store.db.updateTable('incidents').set(row).where('event_id', '=', row.event_id).execute();
  return 'updated';
}

/** Whether any deployment was recorded: the delivery figures from events are read only then. */
export async function hasDeliveryEvents(store: Store): Promise<boolean> {
  return (await store.db.selectFrom('deployments').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function deploymentById(store: Store, eventId: string): Promise<DeploymentRow | undefined> {
  return store.db.selectFrom('deployments').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/** Deployments (oldest first) and incidents (by start) of some repositories, or of all. */
export async function deliveryEvents(
  store: Store,
  repositories?: readonly string[],
): Promise<{ deployments: DeploymentRow[]; incidents: IncidentRow[] }> {
  let d = store.db.selectFrom('deployments').selectAll().orderBy('finished_ts').orderBy('event_id');
  let i = store.db.selectFrom('incidents').selectAll().orderBy('started_ts').orderBy('event_id');
  if (repositories) {
    if (repositories.length === 0) return { deployments: [], incidents: [] };
    d = d.where('repository', 'in', [...repositories]);
    i = i.where('repository', 'in', [...repositories]);
  }
  const [deployments, incidents] = await Promise.all([d.execute(), i.execute()]);
  const num = (x: number | null) => (x === null ? null : Number(x));
  return {
    deployments: deployments.map((r) => ({ ...r, finished_ts: Number(r.finished_ts) })),
    incidents: incidents.map((r) => ({
      ...r,
      started_ts: Number(r.started_ts),
      resolved_ts: num(r.resolved_ts),
    })),
  };
}

/**
 * Remember a webhook message id; false when it was already accepted (a replay). Ids older than a day
 * are forgotten: their timestamps are far outside the tolerance window, so they cannot be replayed.
 */
export async function acceptWebhookId(store: Store, webhookId: string, now: Date): Promise<boolean> {
  const ts = Math.floor(now.getTime() / 1000);
  await store.db
    .deleteFrom('webhook_messages')
    .where('received_ts', '<', ts - 86_400)
    .execute();
  const r = await store.db
    .insertInto('webhook_messages')
    .values({ webhook_id: webhookId, received_at: now.toISOString(), received_ts: ts })
    .onConflict((oc) => oc.column('webhook_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
