// Browser sessions (docs/server.md#sessions): a random secret in the cookie `cto_session`, only its
// SHA-256 stored; idle and absolute expiry; revocable; a synchronizer CSRF token derived from the secret.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CtoError } from '../errors.ts';
import { appendAudit, findUser } from '../store/accounts.ts';
import { insertSession, revokeSessionRows, sessionBySecretHash, touchSession } from '../store/sessions.ts';
import type { Store } from '../store/store.ts';
import { hashPassword, verifyPassword } from './credentials.ts';
import { DEFAULT_SETTINGS, readSettings } from './settings.ts';
import { blockedUntil, recordFailure, recordSuccess } from './throttle.ts';

export const SESSION = {
  cookie: 'cto_session',
  /** A session unused this long ends (the default of the setting `session.idleMinutes`). */
  idleMs: DEFAULT_SETTINGS['session.idleMinutes'] * 60_000,
  /** A session ends this long after sign-in, used or not (the default of `session.absoluteHours`). */
  absoluteMs: DEFAULT_SETTINGS['session.absoluteHours'] * 60 * 60_000,
  /** `last_seen_at` is written at most this often. */
  touchEveryMs: 60_000,
} as const;

interface SessionUser {
  email: string;
  role: string;
}

export interface LiveSession {
  id: number;
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The session's CSRF token: derived from the cookie's secret, so it is never stored. */
function csrfTokenOf(secret: string): string {
  return createHash('sha256').update(`cto csrf\0${secret}`).digest('base64url');
}

export function csrfMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Open a session for a user; returns the cookie's secret (never stored) and the session. */
export async function openSession(
  store: Store,
  user: { id: number; email: string; role: string },
  how: { method: 'password' | 'oidc'; source: string },
  now: Date,
): Promise<{ secret: string; session: LiveSession }> {
  const secret = randomBytes(32).toString('base64url');
  const absoluteMs = (await readSettings(store))['session.absoluteHours'] * 60 * 60_000;
  const expiresAt = new Date(now.getTime() + absoluteMs).toISOString();
  await insertSession(store, {
    user_id: user.id,
    secret_hash: sha256(secret),
    method: how.method,
    source: how.source,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt,
  });
  const row = await sessionBySecretHash(store, sha256(secret));
  await appendAudit(store, {
    at: now.toISOString(),
    actor: user.email,
    source: how.source,
    action: 'login',
    detail: { method: how.method, session: row?.session.id },
  });
  return {
    secret,
    session: {
      id: row?.session.id ?? 0,
      user: { email: user.email, role: user.role },
      csrfToken: csrfTokenOf(secret),
      expiresAt,
    },
  };
}

/** The live session of a cookie's secret, or why there is none. */
export async function resolveSession(
  store: Store,
  secret: string,
  now: Date,
): Promise<{ session: LiveSession } | { reason: string; email?: string }> {
  const found = await sessionBySecretHash(store, sha256(secret));
  if (!found) return { reason: 'unknown session' };
  const { session, user } = found;
  const t = now.getTime();
  let reason: string | null = null;
  if (session.revoked_at) reason = 'ended session';
  else if (Date.parse(session.expires_at) <= t) reason = 'expired session';
  else if (t - Date.parse(session.last_seen_at) >= (await idleMs(store))) reason = 'idle session';
  else if (user.disabled_at) reason = 'disabled user';
  if (reason) return { reason, email: user.email };
  if (t - Date.parse(session.last_seen_at) >= SESSION.touchEveryMs) {
    await touchSession(store, session.id, now.toISOString());
  }
  return {
    session: {
      id: session.id,
      user: { email: user.email, role: user.role },
      csrfToken: csrfTokenOf(secret),
      expiresAt: session.expires_at,
    },
  };
}

/** The idle limit in force (the setting `session.idleMinutes`, read at each check). */
async function idleMs(store: Store): Promise<number> {
  return (await readSettings(store))['session.idleMinutes'] * 60_000;
}

let dummyHash: Promise<string> | undefined;

/**
 * Check a password login. The same answer and the same work (one scrypt) for an unknown user, a user
 * without a password, a disabled user and a wrong password; throttled per account and per address.
 */
export async function checkPassword(
  store: Store,
  login: { email: string; password: string; source: string },
  now: Date,
): Promise<
  { ok: true; user: { id: number; email: string; role: string } } | { ok: false; retryAt?: string }
> {
  const email = login.email.trim().toLowerCase();
  const audit = (action: string, detail: Record<string, unknown>) =>
    appendAudit(store, { at: now.toISOString(), actor: email, source: login.source, action, detail });
  const blocked = await blockedUntil(store, email, login.source, now);
  if (blocked) {
    await audit('login.throttled', { until: blocked });
    return { ok: false, retryAt: blocked };
  }
  const user = await findUser(store, email);
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  const hash = user?.password_hash ?? (await dummyHash);
  const matches = await verifyPassword(login.password, hash);
  let reason: string | null = null;
  if (!user) reason = 'unknown user';
  else if (!user.password_hash) reason = 'no password';
  else if (!matches) reason = 'wrong password';
  else if (user.disabled_at) reason = 'disabled user';
  if (reason || !user) {
    const failures = await recordFailure(store, email, login.source, now);
    await audit('login.failed', { reason, failures });
    return { ok: false };
  }
  await recordSuccess(store, email);
  return { ok: true, user: { id: user.id, email: user.email, role: user.role } };
}

/** End a session by id or all of a user's (`cto sessions revoke`); how many were live. Audited. */
export async function revokeSessions(
  store: Store,
  which: { id: number } | { email: string },
  by: { actor: string; source: string },
): Promise<number> {
  const now = new Date().toISOString();
  let ended: number;
  if ('id' in which) ended = await revokeSessionRows(store, { id: which.id }, now);
  else {
    const user = await findUser(store, which.email);
    if (!user) throw new CtoError('USER_NOT_FOUND', `no user ${which.email}: cto users list shows them`);
    ended = await revokeSessionRows(store, { userId: user.id }, now);
  }
  if (ended > 0)
    await appendAudit(store, { at: now, ...by, action: 'session.revoked', detail: { ...which, ended } });
  return ended;
}

/** End a session at logout, audited with who did it. */
export async function endSession(
  store: Store,
  id: number,
  by: { actor: string; source: string; action: 'logout' },
): Promise<boolean> {
  const now = new Date().toISOString();
  const done = (await revokeSessionRows(store, { id }, now)) > 0;
  if (done) {
    await appendAudit(store, {
      at: now,
      actor: by.actor,
      source: by.source,
      action: by.action,
      detail: { session: id },
    });
  }
  return done;
}
