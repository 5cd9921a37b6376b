// SQLite: a row in `scan_locks` is the lock, taken over when its holder is gone (its process ended, or
// it stopped beating).
import type { Kysely } from 'kysely';
import { heartbeatUntilRelease, holderOf, insertRow, isStale, type LockAttempt, me } from '../../locks.ts';
import type { Database } from '../../schema.ts';

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
