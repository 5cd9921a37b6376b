// 0039: sign-ins with OpenID Connect under way (docs/server.md#single-sign-on-openid-connect): the
// browser holds a random secret in the cookie `cto_oidc`; only its SHA-256 is here, with its expiry.
// State, nonce and PKCE verifier are derived from the secret, so the store holds none of them.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const oidcLogins: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('oidc_logins')
      .addColumn('secret_hash', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_ts', 'bigint', (c) => c.notNull())
      .execute();
  },
};
