import { auditRows, listUsers } from '../../store/accounts.ts';
import { type ApiRoute, PAGING } from './route.ts';

export const ACCOUNT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/users',
    permission: 'users:admin',
    summary: 'Users of the server (as `cto users list`); password hashes are never returned.',
    schema: 'cto.users/v1',
    query: PAGING,
    list: true,
    handler: async ({ store }) =>
      (await listUsers(store)).map((u) => ({
        email: u.email,
        role: u.role,
        createdAt: u.created_at,
        disabledAt: u.disabled_at,
      })),
  },
  {
    method: 'GET',
    url: '/api/v1/audit',
    permission: 'users:admin',
    summary: 'The audit trail, newest first (as `cto audit --json`). Read only: no route changes it.',
    schema: 'cto.audit/v1',
    query: PAGING,
    list: true,
    handler: async ({ store }) =>
      (await auditRows(store)).map((r) => ({
        at: r.at,
        actor: r.actor,
        source: r.source,
        action: r.action,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      })),
  },
];
