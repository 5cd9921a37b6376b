import { auditDocument } from '../../cli/audit.ts';
import { usersDocument } from '../../cli/users.ts';
import { type ApiRoute, PAGING } from './route.ts';

export const ACCOUNT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/users',
    permission: 'users:admin',
    summary: 'Users of the server (as `cto users list --json`); password hashes are never returned.',
    schema: 'cto.users/v1',
    query: PAGING,
    list: 'users',
    handler: ({ store }) => usersDocument(store),
  },
  {
    method: 'GET',
    url: '/api/v1/audit',
    permission: 'users:admin',
    summary: 'The audit trail, newest first (as `cto audit --json`). Read only: no route changes it.',
    schema: 'cto.audit/v1',
    query: PAGING,
    list: 'entries',
    handler: ({ store }) => auditDocument(store),
  },
];
