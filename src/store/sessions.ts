// The store side of browser sessions and login throttling (docs/server.md#sessions).
import type { Selectable } from 'kysely';
import type { Store } from './store.ts';
import type { LoginFailuresTable, SessionsTable, UsersTable } from './tables/accounts.ts';

type SessionRow = Selectable<SessionsTable>;
type UserRow = Selectable<UsersTable>;

export async function insertSession(store: Store, row: Omit<SessionRow, 'id' | 'revoked_at'>): Promise<void> {
  await store.db
    .insertInto('sessions')
    .values({ ...row, revoked_at: null })
    .execute();
}

/** A session and its user, by the hash of the cookie's secret. */
export async function sessionBySecretHash(
  store: Store,
  secretHash: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const session = await store.db
    .selectFrom('sessions')
    .selectAll()
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', session.user_id)
    .executeTakeFirst();
  return user ? { session, user } : undefined;
}

export async function touchSession(store: Store, id: number, now: string): Promise<void> {
  await store.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Revoke sessions by id or of a user; returns how many were live. */
export async function revokeSessionRows(
  store: Store,
  which: { id: number } | { userId: number },
  now: string,
): Promise<number> {
  let q = store.db.updateTable('sessions').set({ revoked_at: now }).where('revoked_at', 'is', null);
  q = 'id' in which ? q.where('id', '=', which.id) : q.where('user_id', '=', which.userId);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Sessions with their user's email, newest first; never the secret's hash. */
export async function listSessions(store: Store) {
  return store.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      'u.email',
      's.method',
      's.source',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
    ])
    .orderBy('s.id', 'desc')
    .execute();
}

export async function loginFailures(
  store: Store,
  keys: readonly string[],
): Promise<Selectable<LoginFailuresTable>[]> {
  return store.db.selectFrom('login_failures').selectAll().where('key', 'in', keys).execute();
}

export async function putLoginFailure(store: Store, row: Selectable<LoginFailuresTable>): Promise<void> {
  await store.db
    .insertInto('login_failures')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: row.failures,
        last_at: row.last_at,
        blocked_until: row.blocked_until,
      }),
    )
    .execute();
}

export async function clearLoginFailures(store: Store, key: string): Promise<void> {
  await store.db.deleteFrom('login_failures').where('key', '=', key).execute();
}

/** Remember a sign-in with OpenID Connect under way; those past their expiry are forgotten. */
export async function insertOidcLogin(
  store: Store,
  row: { secret_hash: string; created_at: string; expires_ts: number },
  nowTs: number,
): Promise<void> {
  await store.db.deleteFrom('oidc_logins').where('expires_ts', '<', nowTs).execute();
  await store.db.insertInto('oidc_logins').values(row).execute();
}

/**
 * Take (delete) a sign-in under way by the hash of its secret: its expiry, or undefined when there was
 * none (never started, already finished, or taken by a concurrent request).
 */
export async function takeOidcLogin(store: Store, secretHash: string): Promise<number | undefined> {
  const row = await store.db
    .selectFrom('oidc_logins')
    .select('expires_ts')
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const r = await store.db.deleteFrom('oidc_logins').where('secret_hash', '=', secretHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0 ? Number(row.expires_ts) : undefined;
}
