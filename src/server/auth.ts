// Who is calling (docs/server.md#authentication): a bearer token (scripts) or the session cookie
// (browsers). A cookie-authenticated request that changes state must carry the session's CSRF token.
import type { FastifyRequest } from 'fastify';
import { CtoError } from '../errors.ts';
import { appendAudit, tokenByPrefix, touchToken } from '../store/accounts.ts';
import { nowIso, type Store } from '../store/store.ts';
import { parseToken, secretMatches } from './credentials.ts';
import { type Permission, SCOPES, type Scope, scopeOf } from './roles.ts';
import { csrfMatches, type LiveSession, resolveSession, SESSION } from './sessions.ts';

export interface Caller {
  email: string;
  role: string;
  /** How the caller proved who they are. */
  via: 'token' | 'session' | 'webhook' | 'anonymous';
  /** What a token may do; a session and a webhook act with every scope their role allows. */
  scopes: readonly Scope[];
  /** The session, for a caller signed in by cookie. */
  session?: LiveSession;
}

export const ANONYMOUS: Caller = { email: 'anonymous', role: 'anonymous', via: 'anonymous', scopes: [] };

const SAFE_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

export function audit(store: Store, req: FastifyRequest, actor: string, action: string, detail: object) {
  return appendAudit(store, { at: nowIso(), actor, source: req.ip, action, detail: { ...detail } });
}

/** The caller of a request from its bearer token or session cookie; UNAUTHENTICATED (audited) otherwise. */
export async function authenticate(store: Store, req: FastifyRequest): Promise<Caller> {
  if (req.headers.authorization !== undefined) return bearer(store, req);
  const cookie = req.cookies[SESSION.cookie];
  if (cookie === undefined) {
    throw new CtoError(
      'UNAUTHENTICATED',
      'sign in: send Authorization: Bearer <token>, or sign in with POST /api/v1/session',
    );
  }
  const found = await resolveSession(store, cookie, new Date());
  if ('reason' in found) {
    await audit(store, req, found.email ?? 'anonymous', 'auth.failed', { reason: found.reason });
    throw new CtoError('UNAUTHENTICATED', 'the session has ended: sign in again');
  }
  const { user } = found.session;
  return { ...user, via: 'session', scopes: SCOPES, session: found.session };
}

async function bearer(store: Store, req: FastifyRequest): Promise<Caller> {
  const parts = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
  const token = parts ? parseToken(parts[1] as string) : null;
  const found = token ? await tokenByPrefix(store, token.prefix) : undefined;
  const now = nowIso();
  let reason: string | null = null;
  if (!token || !found || !secretMatches(token.secret, found.token.secret_hash)) reason = 'unknown token';
  else if (found.token.revoked_at) reason = 'revoked token';
  else if (found.token.expires_at && found.token.expires_at <= now) reason = 'expired token';
  else if (found.user.disabled_at) reason = 'disabled user';
  if (reason || !found) {
    await audit(store, req, found?.user.email ?? 'anonymous', 'auth.failed', {
      reason,
      ...(token ? { prefix: token.prefix } : {}),
    });
    throw new CtoError('UNAUTHENTICATED', 'the token is not valid');
  }
  await touchToken(store, found.token.id, now);
  const scopes = found.token.scopes
    .split(' ')
    .filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
  return { email: found.user.email, role: found.user.role, via: 'token', scopes };
}

/**
 * Refuse (403, audited) what the caller's token scopes do not cover, and a cookie-authenticated
 * state-changing request without the session's CSRF token in `x-csrf-token`.
 */
export async function checkScopeAndCsrf(
  store: Store,
  req: FastifyRequest,
  caller: Caller,
  permission: Permission,
): Promise<void> {
  const scope = scopeOf(permission);
  if (caller.via === 'token' && !caller.scopes.includes(scope)) {
    await audit(store, req, caller.email, 'access.denied', { route: req.routeOptions.url, scope });
    throw new CtoError('FORBIDDEN', `the token lacks the scope ${scope}: create one with --scope ${scope}`);
  }
  if (caller.via !== 'session' || SAFE_METHODS.includes(req.method)) return;
  const sent = req.headers['x-csrf-token'];
  if (!csrfMatches(typeof sent === 'string' ? sent : undefined, caller.session?.csrfToken ?? '')) {
    await audit(store, req, caller.email, 'access.denied', { route: req.routeOptions.url, reason: 'csrf' });
    throw new CtoError(
      'FORBIDDEN',
      "send the session's CSRF token (csrfToken of GET /api/v1/session) in the x-csrf-token header",
    );
  }
}
