// The store side of accounts (docs/server.md): users, API tokens and the append-only audit trail.
// There is no function that changes or deletes an audit row.
import type { Selectable } from 'kysely';
import type { ApiTokensTable, AuditTable, UsersTable } from './schema.ts';
import type { Store } from './store.ts';

type UserRow = Selectable<UsersTable>;
type TokenRow = Selectable<ApiTokensTable>;
type AuditRow = Selectable<AuditTable>;

export async function findUser(store: Store, email: string): Promise<UserRow | undefined> {
  return store.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function listUsers(store: Store): Promise<UserRow[]> {
  return store.db.selectFrom('users').selectAll().orderBy('email').execute();
}

export async function insertUser(
  store: Store,
  user: { email: string; role: string; passwordHash: string | null; now: string },
): Promise<void> {
  await store.db
    .insertInto('users')
    .values({
      email: user.email.toLowerCase(),
      role: user.role,
      password_hash: user.passwordHash,
      created_at: user.now,
      disabled_at: null,
    })
    .execute();
}

export async function setUserRole(store: Store, email: string, role: string): Promise<void> {
  await store.db.updateTable('users').set({ role }).where('email', '=', email.toLowerCase()).execute();
}

export async function insertToken(
  store: Store,
  token: Omit<TokenRow, 'id' | 'last_used_at' | 'revoked_at'>,
): Promise<void> {
  await store.db
    .insertInto('api_tokens')
    .values({ ...token, last_used_at: null, revoked_at: null })
    .execute();
}

/** A token and its user, by the token's public prefix. */
export async function tokenByPrefix(
  store: Store,
  prefix: string,
): Promise<{ token: TokenRow; user: UserRow } | undefined> {
  const token = await store.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('prefix', '=', prefix)
    .executeTakeFirst();
  if (!token) return undefined;
  const user = await store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', token.user_id)
    .executeTakeFirst();
  return user ? { token, user } : undefined;
}

/** Tokens with their user's email, newest first; never the secret's hash. */
export async function listTokens(store: Store) {
  return store.db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.prefix',
      't.name',
      'u.email',
      't.scopes',
      't.created_at',
      't.expires_at',
      't.last_used_at',
      't.revoked_at',
    ])
    .orderBy('t.id', 'desc')
    .execute();
}

export async function revokeTokenRow(store: Store, prefix: string, now: string): Promise<number> {
  const r = await store.db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('prefix', '=', prefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function setUserDisabled(store: Store, email: string, at: string | null): Promise<void> {
  await store.db
    .updateTable('users')
    .set({ disabled_at: at })
    .where('email', '=', email.toLowerCase())
    .execute();
}

export async function touchToken(store: Store, id: number, now: string): Promise<void> {
  await store.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function appendAudit(
  store: Store,
  entry: { at: string; actor: string; source: string; action: string; detail: Record<string, unknown> },
): Promise<void> {
  await store.db
    .insertInto('audit')
    .values({ ...entry, detail: JSON.stringify(entry.detail) })
    .execute();
}

export async function auditRows(store: Store, limit?: number): Promise<AuditRow[]> {
  let q = store.db.selectFrom('audit').selectAll().orderBy('id', 'desc');
  if (limit !== undefined) q = q.limit(limit);
  return q.execute();
}
