// Accounts of `cto serve` (docs/server.md): users, API tokens and the audit trail. Not per snapshot.
import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  /** Lower case; the login name. */
  email: string;
  /** `admin`, `member`, `lead` or `board` (src/server/roles.ts). */
  role: string;
  /** `scrypt$N$r$p$salt$hash` (base64url), docs/security.md; null when the user has no password. */
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** The public part of `cto_<prefix>_<secret>`: identifies the token, shown in listings. */
  prefix: string;
  /** SHA-256 of the secret (hex); the secret itself is never stored. */
  secret_hash: string;
  name: string;
  /** Space-separated scopes: `read`, `write`, `admin` (docs/server.md#tokens). */
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Append-only: rows are inserted, never updated or deleted by cto. */
export interface AuditTable {
  id: Generated<number>;
  at: string;
  /** Who: a user's email, `cli` for the command line, or `anonymous`. */
  actor: string;
  /** From where: the client address, or `cli`. */
  source: string;
  action: string;
  /** JSON object with the particulars. */
  detail: string;
}

/** A signed-in browser: the cookie `cto_session` holds a random secret, only its SHA-256 is here. */
export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 (hex) of the cookie's secret. */
  secret_hash: string;
  /** How the user signed in: `password` or `oidc`. */
  method: string;
  /** The client address at sign-in. */
  source: string;
  created_at: string;
  /** Updated as the session is used (at most once a minute); idle expiry counts from it. */
  last_seen_at: string;
  /** Absolute expiry, fixed at sign-in. */
  expires_at: string;
  /** Set on logout, on revocation, or when the user is disabled. */
  revoked_at: string | null;
}

/** A sign-in with OpenID Connect under way: the SHA-256 of the cookie `cto_oidc`, used once. */
export interface OidcLoginsTable {
  /** SHA-256 (hex) of the cookie's secret. */
  secret_hash: string;
  created_at: string;
  /** Unix seconds after which the sign-in can no longer be finished. */
  expires_ts: number;
}

/** Failed password logins by `account:<email>` or `address:<ip>`, for throttling with backoff. */
export interface LoginFailuresTable {
  key: string;
  failures: number;
  last_at: string;
  /** No password is checked for this key before this time. */
  blocked_until: string;
}

/** Server settings changed at run time (src/server/settings.ts); a setting without a row has its default. */
export interface SettingsTable {
  key: string;
  /** The value as JSON. */
  value: string;
  updated_at: string;
  /** The email of the admin who set it, or `cli`. */
  updated_by: string;
}

/** Columns `cto sql` may not read on either engine: credential hashes stay out of ad hoc queries. */
export const SECRET_COLUMNS: Readonly<Record<string, string>> = {
  users: 'password_hash',
  api_tokens: 'secret_hash',
  sessions: 'secret_hash',
  oidc_logins: 'secret_hash',
};
