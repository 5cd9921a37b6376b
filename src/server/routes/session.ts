// Signing in and out of the dashboard (docs/server.md#sessions): POST, GET and DELETE /api/v1/session.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CtoError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { Caller } from '../auth.ts';
import {
  checkPassword,
  endSession,
  type LiveSession,
  openSession,
  resolveSession,
  SESSION,
} from '../sessions.ts';
import type { ApiRoute } from './route.ts';

const SCHEMA = 'cto.session/v1';

const LOGIN = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** The session document: who is signed in and the CSRF token to send with every change. */
function sessionDocument(session: LiveSession) {
  return { user: session.user, csrfToken: session.csrfToken };
}

/** Set the session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, expiring with the session. */
export async function startBrowserSession(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  opened: { secret: string; session: LiveSession },
): Promise<void> {
  // A new sign-in replaces the session the browser held (no fixation, no orphan).
  const old = request.cookies[SESSION.cookie];
  if (old !== undefined) {
    const found = await resolveSession(store, old, new Date());
    if ('session' in found) {
      await endSession(store, found.session.id, {
        actor: found.session.user.email,
        source: request.ip,
        action: 'logout',
      });
    }
  }
  reply.setCookie(SESSION.cookie, opened.secret, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
    expires: new Date(opened.session.expiresAt),
  });
}

function liveSession(caller: Caller): LiveSession {
  if (caller.via !== 'session' || !caller.session) {
    throw new CtoError('UNAUTHENTICATED', 'no session: sign in with POST /api/v1/session');
  }
  return caller.session;
}

export const SESSION_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/api/v1/session',
    permission: 'session:login',
    auth: 'public',
    summary:
      'Sign in with email and password: sets the cookie cto_session and returns the CSRF token. 401 for a wrong email or password (one message for both), 429 while throttled.',
    schema: SCHEMA,
    body: LOGIN,
    handler: async ({ store, body, request, reply }) => {
      const login = body as z.infer<typeof LOGIN>;
      const now = new Date();
      const checked = await checkPassword(store, { ...login, source: request.ip }, now);
      if (!checked.ok && checked.retryAt) {
        const seconds = Math.max(1, Math.ceil((Date.parse(checked.retryAt) - now.getTime()) / 1000));
        reply.header('retry-after', String(seconds));
        throw new CtoError('RATE_LIMITED', `too many failed sign-ins: retry after ${seconds} s`);
      }
      if (!checked.ok) throw new CtoError('UNAUTHENTICATED', 'wrong email or password');
      const opened = await openSession(store, checked.user, { method: 'password', source: request.ip }, now);
      await startBrowserSession(store, request, reply, opened);
      return sessionDocument(opened.session);
    },
  },
  {
    method: 'GET',
    url: '/api/v1/session',
    permission: 'session:own',
    summary: 'The signed-in user and the CSRF token of the session; 401 without a live session.',
    schema: SCHEMA,
    handler: async ({ caller }) => sessionDocument(liveSession(caller)),
  },
  {
    method: 'DELETE',
    url: '/api/v1/session',
    permission: 'session:own',
    summary: 'Sign out: ends the session on the server and clears the cookie (needs x-csrf-token). 204.',
    schema: SCHEMA,
    status: 204,
    handler: async ({ store, caller, request, reply }) => {
      const session = liveSession(caller);
      await endSession(store, session.id, { actor: caller.email, source: request.ip, action: 'logout' });
      reply.clearCookie(SESSION.cookie, { path: '/' });
      return undefined;
    },
  },
];
