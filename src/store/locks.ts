// One scan per repository at a time: what both engines' locks share (the holder's row in `scan_locks`,
// its heartbeat, when a holder is gone). Each engine takes its lock in its own folder:
// engines/sqlite/lock.ts (the row is the lock) and engines/postgres/lock.ts (a session advisory lock).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { processAlive, processStarted } from '../process-identity.ts';
import type { Database } from './schema.ts';

export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
}

export type LockAttempt =
  | { acquired: true; release: () => Promise<void> }
  | { acquired: false; holder: LockHolder | null };

/** How often a holder says it is alive, and how long a silent one is trusted. */
const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 10 * 60_000;

interface Holder {
  token: string;
  pid: number;
  host: string;
  processStarted: string | null;
}

export function me(): Holder {
  return {
    token: randomUUID(),
    pid: process.pid,
    host: hostname(),
    processStarted: processStarted(process.pid),
  };
}

/** Insert the holder's row; `replace` overwrites a row already there (PostgreSQL, lock held). */
export async function insertRow(
  db: Kysely<Database>,
  key: string,
  h: Holder,
  replace = false,
): Promise<void> {
  const now = new Date().toISOString();
  const row = {
    key,
    token: h.token,
    pid: h.pid,
    host: h.host,
    process_started: h.processStarted,
    acquired_at: now,
    heartbeat_at: now,
  };
  await db
    .insertInto('scan_locks')
    .values(row)
    .onConflict((oc) => (replace ? oc.column('key').doUpdateSet(row) : oc.column('key').doNothing()))
    .execute();
}

/** Who holds the advisory lock: its row, written just after it took the lock (so wait a moment for it). */
export async function holderRow(db: Kysely<Database>, key: string): Promise<LockHolder | null> {
  for (let i = 0; i < 10; i++) {
    const row = await db.selectFrom('scan_locks').selectAll().where('key', '=', key).executeTakeFirst();
    if (row) return holderOf(row);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Beat while held; the returned function stops, removes the row and runs `end`. */
export function heartbeatUntilRelease(
  db: Kysely<Database>,
  key: string,
  token: string,
  end: () => Promise<void>,
): () => Promise<void> {
  const beat = setInterval(() => {
    db.updateTable('scan_locks')
      .set({ heartbeat_at: new Date().toISOString() })
      .where('key', '=', key)
      .where('token', '=', token)
      .execute()
      .catch(() => {});
  }, HEARTBEAT_MS);
  beat.unref();
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    clearInterval(beat);
    try {
      await db.deleteFrom('scan_locks').where('key', '=', key).where('token', '=', token).execute();
    } finally {
      await end();
    }
  };
}

interface LockRow {
  pid: number;
  host: string;
  process_started: string | null;
  acquired_at: string;
  heartbeat_at: string;
}

/**
 * A holder on this host is gone when its process no longer exists, or its pid now names a process
 * started at another time; one whose process cannot be checked (another host) is gone when it has not
 * beaten for STALE_AFTER_MS.
 */
export function isStale(row: LockRow, now = Date.now()): boolean {
  if (row.host === hostname()) {
    if (!processAlive(row.pid)) return true;
    const started = processStarted(row.pid);
    if (row.process_started !== null && started !== null) return started !== row.process_started;
  }
  const beat = Date.parse(row.heartbeat_at);
  return !Number.isFinite(beat) || now - beat > STALE_AFTER_MS;
}

export function holderOf(row: LockRow): LockHolder {
  return { pid: row.pid, host: row.host, since: row.acquired_at };
}
