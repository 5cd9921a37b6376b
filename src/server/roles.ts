// Roles and permissions of `cto serve` (docs/server.md#roles). Default deny: a role holds only the
// permissions listed here, and every route names the one permission it needs.

export const ROLES = ['admin', 'member', 'lead', 'board'] as const;
type Role = (typeof ROLES)[number];

/**
 * Callers that are not accounts: `anonymous` (no credentials, only signing in) and `webhook` (a
 * sender proven by a route's own signature check). No user can be given these roles.
 */
type Principal = 'anonymous' | 'webhook';

export const PERMISSIONS = [
  /** The dashboard's built files (no data in them): served to anyone, signed in or not. */
  'web:files',
  /** The API description. */
  'api:describe',
  /** Signing in (password or OpenID Connect): the only permission of an anonymous caller. */
  'session:login',
  /** One's own session: read it, end it. */
  'session:own',
  /** Repository-level data: every area's document, people in it pseudonymised unless the caller may see them. */
  'portfolio:read',
  /** The report's summary. */
  'summary:read',
  /** People-level data: names, emails, per-person figures (a lead: of the teams they lead only). */
  'people:read',
  /** Users and settings. */
  'users:admin',
  /** Recording delivery events: held by no role, only by a sender that signs with the webhook secret. */
  'events:write',
  /** Scans started from the server, their progress and schedules, and the scan status (queue, workers, staleness). */
  'scans:read',
  /** Starting a scan from the server. */
  'scans:run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role | Principal, readonly Permission[]> = {
  admin: ['api:describe', 'session:own', 'users:admin', 'scans:read', 'scans:run'],
  member: ['api:describe', 'session:own', 'portfolio:read', 'summary:read', 'scans:read'],
  // People-level data of a lead's own teams only (teams.yaml `leads`; src/server/people-scope.ts).
  lead: ['api:describe', 'session:own', 'portfolio:read', 'summary:read', 'people:read', 'scans:read'],
  board: ['api:describe', 'session:own', 'summary:read'],
  anonymous: ['session:login'],
  webhook: ['events:write'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function allows(role: string, permission: Permission): boolean {
  const grants = Object.hasOwn(GRANTS, role) ? GRANTS[role as Role | Principal] : [];
  return grants.includes(permission);
}

/** Scopes an API token may carry (docs/server.md#tokens); a token acts within its role and its scopes. */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * The token scope each permission needs (docs/server.md#tokens): `read` to read, `write` to change
 * state, `admin` for users and settings (even to read them). A new permission must be placed here.
 */
const SCOPE_OF: Record<Permission, Scope> = {
  'web:files': 'read',
  'api:describe': 'read',
  'session:login': 'write',
  'session:own': 'read',
  'portfolio:read': 'read',
  'summary:read': 'read',
  'people:read': 'read',
  'users:admin': 'admin',
  'events:write': 'write',
  'scans:read': 'read',
  'scans:run': 'write',
};

export function scopeOf(permission: Permission): Scope {
  return SCOPE_OF[permission];
}
