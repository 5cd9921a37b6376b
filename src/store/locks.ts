// One scan per repository at a time. SQLite: a row in `scan_locks` is the lock, taken over when its
// holder is gone (its process ended, or it stopped beating). PostgreSQL: a session advisory lock on a
// connection of its own is the lock, so it ends with the holder's session; the row only says who.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type pg from 'pg';
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
export const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 10 * 60_000;

interface Holder {
  token: string;
  pid: number;
  host: string;
  processStarted: string | null;
}

function me(): Holder {
  return {
    token: randomUUID(),
    pid: process.pid,
    host: hostname(),
    processStarted: processStarted(process.pid),
  };
}

/** SQLite: the row is the lock. A row whose holder is gone is removed, then the lock taken. */
export async function trySqliteLock(db: Kysely<Database>, key: string): Promise<LockAttempt> {
  const self = me();
  for (let attempt = 0; attempt < 3; attempt++) {
    await insertRow(db, key, self);
    const row = await db.selectFrom('scan_locks').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) continue; // released between the two statements: try again
    if (row.token === self.token) {
      return { acquired: true, release: heartbeatUntilRelease(db, key, self.token, async () => {}) };
    }
    if (!isStale(row)) return { acquired: false, holder: holderOf(row) };
    // Only the stale holder's row goes: if another scan took it over meanwhile, its row stays.
    await db.deleteFrom('scan_locks').where('key', '=', key).where('token', '=', row.token).execute();
  }
  return { acquired: false, holder: null };
}

/** PostgreSQL: a session advisory lock keyed by schema and repository, on its own connection. */
export async function tryPostgresLock(
  db: Kysely<Database>,
  connect: () => Promise<pg.Client>,
  schema: string | null,
  key: string,
): Promise<LockAttempt> {
  const client = await connect();
  client.on('error', () => {}); // a lost connection ends the lock; the scan's own queries report errors
  const id = advisoryKey(schema, key);
  try {
    const r = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [
      id,
    ]);
    if (!r.rows[0]?.locked) {
      await client.end();
      return { acquired: false, holder: await holderRow(db, key) };
    }
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
  const self = me();
  // A row left by a killed holder is replaced: holding the advisory lock proves it is gone.
  await insertRow(db, key, self, true);
  return {
    acquired: true,
    release: heartbeatUntilRelease(db, key, self.token, async () => {
      await client.query('select pg_advisory_unlock($1::bigint)', [id]).catch(() => {});
      await client.end().catch(() => {});
    }),
  };
}

/** Insert the holder's row; `replace` overwrites a row already there (PostgreSQL, lock held). */
async function insertRow(db: Kysely<Database>, key: string, h: Holder, replace = false): Promise<void> {
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
async function holderRow(db: Kysely<Database>, key: string): Promise<LockHolder | null> {
  for (let i = 0; i < 10; i++) {
    const row = await db.selectFrom('scan_locks').selectAll().where('key', '=', key).executeTakeFirst();
    if (row) return holderOf(row);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Beat while held; the returned function stops, removes the row and runs `end`. */
function heartbeatUntilRelease(
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

function holderOf(row: LockRow): LockHolder {
  return { pid: row.pid, host: row.host, since: row.acquired_at };
}

/** The 64-bit advisory lock id: a hash of the schema and the repository key (locks span a database). */
export function advisoryKey(schema: string | null, key: string): string {
  return createHash('sha256')
    .update(`cto-scan\0${schema ?? ''}\0${key}`)
    .digest()
    .readBigInt64BE(0)
    .toString();
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started, in clock ticks since boot (Linux `/proc/<pid>/stat`); null elsewhere. */
export function processStarted(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
