// Single sign-on with OpenID Connect (docs/server.md#single-sign-on-openid-connect), with openid-client:
// the Authorization Code flow with PKCE (S256), state and nonce. The browser holds a random secret in
// the cookie `cto_oidc` (ten minutes, used once, only its SHA-256 stored); state, nonce and the PKCE
// verifier are derived from it. The identity maps by verified e-mail to an account (optionally
// created with a configured role, never admin), and the session is the same as a password sign-in's.
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { CtoError } from '../errors.ts';
import { appendAudit, findUser, insertUser } from '../store/accounts.ts';
import { insertOidcLogin, takeOidcLogin } from '../store/sessions.ts';
import type { Store } from '../store/store.ts';
import type { WorkspaceConfig } from '../workspace.ts';
import type { OidcConfig } from './config.ts';

export const OIDC = {
  /** The cookie of a sign-in under way: SameSite=Lax, as the provider's redirect back is cross-site. */
  cookie: 'cto_oidc',
  cookiePath: '/auth/oidc',
  /** A sign-in must come back from the provider within this time. */
  ttlMs: 10 * 60_000,
  loginPath: '/auth/oidc/login',
  callbackPath: '/auth/oidc/callback',
} as const;

export interface OidcSettings extends OidcConfig {
  client_secret: string;
}

/**
 * The `server.oidc` settings with the client secret (CTO_OIDC_CLIENT_SECRET wins over cto.yaml); null
 * when single sign-on is not configured. CONFIG_INVALID when no secret is given anywhere.
 */
export function oidcSettings(config: WorkspaceConfig, env: NodeJS.ProcessEnv): OidcSettings | null {
  const oidc = config.server?.oidc;
  if (!oidc) return null;
  const secret = env.CTO_OIDC_CLIENT_SECRET || oidc.client_secret;
  if (!secret) {
    throw new CtoError(
      'CONFIG_INVALID',
      'cto.yaml server.oidc.client_secret: no client secret: set CTO_OIDC_CLIENT_SECRET (better than the file, which is often committed)',
    );
  }
  return { ...oidc, client_secret: secret };
}

/** Why a sign-in with single sign-on failed: the key the sign-in page shows a message for. */
export type OidcFailure =
  | 'no_sign_in'
  | 'expired'
  | 'state'
  | 'provider_error'
  | 'provider_unavailable'
  | 'invalid_response'
  | 'no_email'
  | 'email_unverified'
  | 'domain'
  | 'unknown_user'
  | 'disabled_user';

export class OidcRefused extends Error {
  readonly failure: OidcFailure;
  readonly email: string | undefined;
  constructor(failure: OidcFailure, reason: string, email?: string) {
    super(reason);
    this.failure = failure;
    this.email = email;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One value of a sign-in derived from its secret: `state`, `nonce` or `verifier` (43 characters). */
function derive(secret: string, what: 'state' | 'nonce' | 'verifier'): string {
  return createHash('sha256').update(`cto oidc ${what}\0${secret}`).digest('base64url');
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export interface OidcService {
  readonly issuer: string;
  /** Start a sign-in: the provider's URL to send the browser to and the secret for the cookie. */
  begin(store: Store, redirectUri: string, now: Date): Promise<{ url: string; secret: string }>;
  /** Finish a sign-in from the provider's redirect back: the account signed in, or OidcRefused. */
  finish(
    store: Store,
    input: { secret: string | undefined; callbackUrl: URL; redirectUri: string; source: string },
    now: Date,
  ): Promise<{ id: number; email: string; role: string }>;
}

/**
 * The provider's metadata is read (discovery) at the first sign-in, not at start-up, so that `cto
 * serve` starts while the provider is down; a failed discovery is tried again at the next sign-in.
 */
export function createOidcService(settings: OidcSettings): OidcService {
  const issuer = new URL(settings.issuer);
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(issuer, settings.client_id, undefined, client.ClientSecretBasic(settings.client_secret), {
        // Plain http only to a provider on this machine (the config's schema allows nothing else).
        ...(issuer.protocol === 'http:' && isLoopback(issuer)
          ? { execute: [client.allowInsecureRequests] }
          : {}),
        timeout: 10,
      })
      .catch((e: unknown) => {
        discovered = undefined;
        throw new OidcRefused(
          'provider_unavailable',
          `the OpenID provider ${settings.issuer} could not be reached: ${(e as Error).message}`,
        );
      });
    return discovered;
  };

  return {
    issuer: settings.issuer,

    async begin(store, redirectUri, now) {
      const config = await configuration();
      const secret = randomBytes(32).toString('base64url');
      await insertOidcLogin(
        store,
        {
          secret_hash: sha256(secret),
          created_at: now.toISOString(),
          expires_ts: Math.floor((now.getTime() + OIDC.ttlMs) / 1000),
        },
        Math.floor(now.getTime() / 1000),
      );
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        response_type: 'code',
        state: derive(secret, 'state'),
        nonce: derive(secret, 'nonce'),
        code_challenge: await client.calculatePKCECodeChallenge(derive(secret, 'verifier')),
        code_challenge_method: 'S256',
      });
      return { url: url.href, secret };
    },

    async finish(store, input, now) {
      if (!input.secret) throw new OidcRefused('no_sign_in', 'no sign-in under way in this browser');
      const expires = await takeOidcLogin(store, sha256(input.secret));
      if (expires === undefined) throw new OidcRefused('no_sign_in', 'no such sign-in under way (or used)');
      if (expires * 1000 < now.getTime()) throw new OidcRefused('expired', 'the sign-in took too long');
      const config = await configuration();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(
          config,
          input.callbackUrl,
          {
            expectedState: derive(input.secret, 'state'),
            expectedNonce: derive(input.secret, 'nonce'),
            pkceCodeVerifier: derive(input.secret, 'verifier'),
            idTokenExpected: true,
          },
          { redirect_uri: input.redirectUri },
        );
      } catch (e) {
        if (e instanceof client.AuthorizationResponseError) {
          throw new OidcRefused('provider_error', `the provider refused: ${e.error}`);
        }
        // openid-client says what was wrong in the error's cause ("unexpected "state" ...").
        const cause = (e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : '';
        const message = [(e as Error).message, cause].filter(Boolean).join(': ');
        if (/"state"/.test(message)) throw new OidcRefused('state', `state mismatch: ${message}`);
        throw new OidcRefused('invalid_response', `invalid response: ${message}`);
      }
      const idToken = tokens.claims();
      if (!idToken) throw new OidcRefused('invalid_response', 'no ID token');
      let claims: Record<string, unknown> = idToken;
      // Many providers put the e-mail in the ID token; others only answer it from userinfo.
      if (typeof claims.email !== 'string') {
        try {
          claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
        } catch (e) {
          throw new OidcRefused('invalid_response', `userinfo: ${(e as Error).message}`);
        }
      }
      return accountOf(store, settings, claims, input.source, now);
    },
  };
}

/** The account an identity signs in as: by its verified e-mail, created when configured so. */
async function accountOf(
  store: Store,
  settings: OidcSettings,
  claims: Record<string, unknown>,
  source: string,
  now: Date,
): Promise<{ id: number; email: string; role: string }> {
  if (typeof claims.email !== 'string' || !claims.email.includes('@')) {
    throw new OidcRefused('no_email', 'the provider gave no e-mail address (is the scope email asked?)');
  }
  const email = claims.email.trim().toLowerCase();
  if (settings.require_verified_email && claims.email_verified !== true) {
    throw new OidcRefused('email_unverified', 'the provider does not say the e-mail is verified', email);
  }
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (settings.allowed_domains && !settings.allowed_domains.includes(domain)) {
    throw new OidcRefused('domain', `the domain ${domain} is not in server.oidc.allowed_domains`, email);
  }
  let user = await findUser(store, email);
  if (!user && settings.auto_create) {
    const role = settings.auto_create.role;
    // No password: the account signs in through the provider only.
    await insertUser(store, { email, role, passwordHash: null, now: now.toISOString() });
    await appendAudit(store, {
      at: now.toISOString(),
      actor: email,
      source,
      action: 'user.created',
      detail: { email, role, by: 'oidc', issuer: settings.issuer },
    });
    user = await findUser(store, email);
  }
  if (!user) throw new OidcRefused('unknown_user', 'no account has this e-mail', email);
  if (user.disabled_at) throw new OidcRefused('disabled_user', 'the account is disabled', email);
  return { id: user.id, email: user.email, role: user.role };
}
