// Single sign-on with OpenID Connect (docs/server.md#single-sign-on-openid-connect): the sign-in options
// the dashboard's sign-in page reads, and the two browser routes of the Authorization Code flow.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CtoError } from '../../errors.ts';
import { appendAudit } from '../../store/accounts.ts';
import type { Store } from '../../store/store.ts';
import { OIDC, type OidcFailure, OidcRefused, type OidcService } from '../oidc.ts';
import { openSession } from '../sessions.ts';
import type { ApiRoute } from './route.ts';
import { startBrowserSession } from './session.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Single sign-on, or null when cto.yaml configures none. */
    oidc: OidcService | null;
  }
}

function service(request: FastifyRequest): OidcService {
  const oidc = request.server.oidc;
  if (!oidc) {
    throw new CtoError(
      'NOT_FOUND',
      'single sign-on is not configured: see server.oidc in docs/server.md (sign in with a password)',
    );
  }
  return oidc;
}

/** The callback URL given to the provider: configured, or this server's as the browser reached it. */
function redirectUri(request: FastifyRequest): string {
  const configured = request.server.oidcRedirectUri;
  return configured ?? `${request.protocol}://${request.host}${OIDC.callbackPath}`;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** server.oidc.redirect_uri, when configured. */
    oidcRedirectUri: string | undefined;
  }
}

/** A failed sign-in: audited, then the browser goes back to the sign-in page, which says why. */
async function refuse(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  e: unknown,
): Promise<undefined> {
  if (!(e instanceof OidcRefused)) throw e;
  await appendAudit(store, {
    at: new Date().toISOString(),
    actor: e.email ?? 'anonymous',
    source: request.ip,
    action: 'login.failed',
    detail: { method: 'oidc', reason: e.message, failure: e.failure },
  });
  reply.clearCookie(OIDC.cookie, { path: OIDC.cookiePath });
  reply.redirect(`/login?sso_error=${e.failure satisfies OidcFailure}`, 303);
  return undefined;
}

const CALLBACK_QUERY = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

export const OIDC_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/session/options',
    permission: 'session:login',
    auth: 'public',
    summary:
      'How one may sign in: with a password, and with single sign-on (OpenID Connect) when server.oidc is configured (then `sso.loginUrl` starts it).',
    schema: 'cto.login-options/v1',
    handler: async ({ request }) => {
      const oidc = request.server.oidc;
      return {
        password: true,
        sso: oidc ? { configured: true, loginUrl: OIDC.loginPath } : { configured: false, loginUrl: null },
      };
    },
  },
  {
    method: 'GET',
    url: OIDC.loginPath,
    permission: 'session:login',
    auth: 'public',
    summary:
      'Start signing in with single sign-on: 303 to the OpenID provider (Authorization Code with PKCE S256, state and nonce; a ten-minute cookie cto_oidc ties the sign-in to the browser). 404 when single sign-on is not configured; a provider that cannot be reached sends the browser back to /login?sso_error=provider_unavailable.',
    schema: 'cto.session/v1',
    raw: true,
    status: 303,
    handler: async ({ store, request, reply }) => {
      const oidc = service(request);
      const now = new Date();
      let started: { url: string; secret: string };
      try {
        started = await oidc.begin(store, redirectUri(request), now);
      } catch (e) {
        return refuse(store, request, reply, e);
      }
      reply.setCookie(OIDC.cookie, started.secret, {
        httpOnly: true,
        // The provider's redirect back is a cross-site navigation: Strict would not send the cookie.
        sameSite: 'lax',
        path: OIDC.cookiePath,
        secure: request.protocol === 'https',
        maxAge: OIDC.ttlMs / 1000,
      });
      reply.redirect(started.url, 303);
      return undefined;
    },
  },
  {
    method: 'GET',
    url: OIDC.callbackPath,
    permission: 'session:login',
    auth: 'public',
    summary:
      "The OpenID provider's redirect back: checks state, code, PKCE, nonce and the ID token, maps the verified e-mail to an account, sets the cookie cto_session (the same session as a password sign-in) and sends the browser to /. A refusal (unknown or disabled account, unverified e-mail, wrong state...) is audited login.failed and sends the browser to /login?sso_error=<reason>.",
    schema: 'cto.session/v1',
    raw: true,
    status: 303,
    query: CALLBACK_QUERY,
    handler: async ({ store, request, reply }) => {
      const oidc = service(request);
      const now = new Date();
      const redirect = redirectUri(request);
      let user: { id: number; email: string; role: string };
      try {
        user = await oidc.finish(
          store,
          {
            secret: request.cookies[OIDC.cookie],
            callbackUrl: new URL(request.url, redirect),
            redirectUri: redirect,
            source: request.ip,
          },
          now,
        );
      } catch (e) {
        return refuse(store, request, reply, e);
      }
      const opened = await openSession(store, user, { method: 'oidc', source: request.ip }, now);
      await startBrowserSession(store, request, reply, opened);
      reply.clearCookie(OIDC.cookie, { path: OIDC.cookiePath });
      reply.redirect('/', 303);
      return undefined;
    },
  },
];
