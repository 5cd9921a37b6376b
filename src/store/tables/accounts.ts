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
  /** Space-separated scopes (`read`). */
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

/** Columns `cto sql` may not read on either engine: credential hashes stay out of ad hoc queries. */
export const SECRET_COLUMNS: Readonly<Record<string, string>> = {
  users: 'password_hash',
  api_tokens: 'secret_hash',
};
