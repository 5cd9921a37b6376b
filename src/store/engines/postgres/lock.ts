// PostgreSQL: a session advisory lock on a connection of its own is the lock, so it ends with the
// holder's session; the row in `scan_locks` only says who holds it.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { heartbeatUntilRelease, holderRow, insertRow, type LockAttempt, me } from '../../locks.ts';
import type { Database } from '../../schema.ts';

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

/** The 64-bit advisory lock id: a hash of the schema and the repository key (locks span a database). */
function advisoryKey(schema: string | null, key: string): string {
  return createHash('sha256')
    .update(`cto-scan\0${schema ?? ''}\0${key}`)
    .digest()
    .readBigInt64BE(0)
    .toString();
}
