// Roles and permissions of `cto serve` (docs/server.md#roles). Default deny: a role holds only the
// permissions listed here, and every route names the one permission it needs.

export const ROLES = ['admin', 'member', 'lead', 'board'] as const;
type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** The dashboard's built files (no data in them): served to anyone, signed in or not. */
  'web:files',
  /** The API description. */
  'api:describe',
  /** Repository-level data: repositories, risks, trends. */
  'portfolio:read',
  /** The report's summary. */
  'summary:read',
  /** People-level data: names, emails, per-person figures. */
  'people:read',
  /** Users and settings. */
  'users:admin',
  /** Recording delivery events: held by no role, only by a sender that signs with the webhook secret. */
  'events:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['api:describe', 'users:admin'],
  member: ['api:describe', 'portfolio:read', 'summary:read'],
  // People-level data of a lead's own teams only: the routes refuse leads (403) until that scoping is built.
  lead: ['api:describe', 'portfolio:read', 'summary:read', 'people:read'],
  board: ['api:describe', 'summary:read'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function allows(role: string, permission: Permission): boolean {
  return isRole(role) && GRANTS[role].includes(permission);
}
