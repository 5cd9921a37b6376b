// Account actions shared by the CLI (`cto users`, `cto tokens`) and the server: each writes its audit row.
import { CtoError } from '../errors.ts';
import {
  appendAudit,
  findUser,
  insertToken,
  insertUser,
  revokeTokenRow,
  setUserDisabled,
  setUserRole,
} from '../store/accounts.ts';
import { revokeSessionRows } from '../store/sessions.ts';
import { nowIso, type Store } from '../store/store.ts';
import { hashPassword, newToken, oneTimePassword } from './credentials.ts';
import { isRole, ROLES } from './roles.ts';

/** Who does an account action and from where: an admin's email and client address, or `cli`. */
export interface Actor {
  actor: string;
  source: string;
}

const CLI: Actor = { actor: 'cli', source: 'cli' };

function checkRole(role: string): void {
  if (!isRole(role)) throw new CtoError('USAGE', `unknown role ${role}: one of ${ROLES.join(', ')}`);
}

/** Create a user; returns the one-time password when none was given. */
export async function addUser(
  store: Store,
  user: { email: string; role: string; password?: string },
  by: Actor = CLI,
): Promise<{ oneTimePassword: string | null }> {
  checkRole(user.role);
  const email = user.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new CtoError('USAGE', `not an email address: ${user.email}`);
  if (user.password !== undefined && user.password.length < 12) {
    throw new CtoError('USAGE', 'a password needs at least 12 characters');
  }
  if (await findUser(store, email)) throw new CtoError('USER_EXISTS', `a user ${email} already exists`);
  const generated = user.password === undefined ? oneTimePassword() : null;
  const now = nowIso();
  await insertUser(store, {
    email,
    role: user.role,
    passwordHash: await hashPassword(user.password ?? (generated as string)),
    now,
  });
  await appendAudit(store, { at: now, ...by, action: 'user.created', detail: { email, role: user.role } });
  return { oneTimePassword: generated };
}

export async function changeRole(store: Store, email: string, role: string, by: Actor = CLI): Promise<void> {
  checkRole(role);
  const user = await findUser(store, email);
  if (!user) throw new CtoError('USER_NOT_FOUND', `no user ${email}: cto users list shows them`);
  await setUserRole(store, user.email, role);
  await appendAudit(store, {
    at: nowIso(),
    ...by,
    action: 'user.role',
    detail: { email: user.email, from: user.role, to: role },
  });
}

/** Disable a user (their tokens stop working and their sessions end at once) or enable them again. */
export async function setDisabled(
  store: Store,
  email: string,
  disabled: boolean,
  by: Actor = CLI,
): Promise<void> {
  const user = await findUser(store, email);
  if (!user) throw new CtoError('USER_NOT_FOUND', `no user ${email}: cto users list shows them`);
  const now = nowIso();
  await setUserDisabled(store, user.email, disabled ? now : null);
  const sessionsEnded = disabled ? await revokeSessionRows(store, { userId: user.id }, now) : 0;
  await appendAudit(store, {
    at: now,
    ...by,
    action: disabled ? 'user.disabled' : 'user.enabled',
    detail: { email: user.email, ...(disabled ? { sessionsEnded } : {}) },
  });
}

/** Revoke a token by its prefix; false when no unrevoked token has it. */
export async function revokeToken(store: Store, prefix: string, by: Actor = CLI): Promise<boolean> {
  const now = nowIso();
  const done = (await revokeTokenRow(store, prefix, now)) > 0;
  if (done) await appendAudit(store, { at: now, ...by, action: 'token.revoked', detail: { prefix } });
  return done;
}

/** Create an API token; the whole token is returned once and never stored. */
export async function createToken(
  store: Store,
  request: { email: string; name: string; expiresAt: string | null; scopes?: readonly string[] },
  by: Actor = CLI,
): Promise<{ token: string; prefix: string }> {
  const user = await findUser(store, request.email);
  if (!user) throw new CtoError('USER_NOT_FOUND', `no user ${request.email}: cto users list shows them`);
  const t = newToken();
  const now = nowIso();
  await insertToken(store, {
    user_id: user.id,
    prefix: t.prefix,
    secret_hash: t.secretHash,
    name: request.name,
    scopes: (request.scopes ?? ['read']).join(' '),
    created_at: now,
    expires_at: request.expiresAt,
  });
  await appendAudit(store, {
    at: now,
    ...by,
    action: 'token.created',
    detail: { email: user.email, name: request.name, prefix: t.prefix, expiresAt: request.expiresAt },
  });
  return { token: t.token, prefix: t.prefix };
}

/** `90d`, `12h` or `never` from now: the expiry time, or null for none. */
export function expiryFrom(text: string, now: Date): string | null {
  if (text === 'never') return null;
  const m = /^(\d+)([dh])$/.exec(text);
  if (!m) throw new CtoError('USAGE', `--expires ${text}: give days (90d), hours (12h) or never`);
  const ms = Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000);
  return new Date(now.getTime() + ms).toISOString();
}
