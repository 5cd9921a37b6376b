// The API's routes (docs/server.md#routes): each names the permission it needs, its query schema
// (zod, turned into the OpenAPI document) and reads through the same store functions as the CLI.
import { z } from 'zod';
import { listUsers } from '../store/accounts.ts';
import { currentPeople } from '../store/people.ts';
import { listRepositories } from '../store/repositories.ts';
import { registerRows } from '../store/risks.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import type { Permission } from './roles.ts';

export interface RouteContext {
  store: Store;
  ws: Workspace;
  query: Record<string, unknown>;
  user: { email: string; role: string };
}

export interface ApiRoute {
  method: 'GET';
  url: string;
  /** The one permission a caller needs; a route without one stops the server from starting. */
  permission: Permission | undefined;
  summary: string;
  /** The JSON document's schema id (`cto.<name>/v1`). */
  schema: string;
  query: z.ZodObject;
  /** A list route returns its whole list; the server pages it (limit, offset). */
  list: boolean;
  /** The document is sent as it is, without the `schema` field (the OpenAPI document). */
  raw?: boolean;
  /** Refuse a caller whose role has the permission in general but not here yet (403 with this message). */
  deferredFor?: readonly string[];
  handler: (ctx: RouteContext) => Promise<unknown>;
}

const PAGING = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const today = () => new Date().toISOString().slice(0, 10);

export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/repositories',
    permission: 'portfolio:read',
    summary: 'Repositories in the store and their current snapshot (as `cto repos`).',
    schema: 'cto.repositories/v1',
    query: PAGING,
    list: true,
    handler: ({ store }) => listRepositories(store),
  },
  {
    method: 'GET',
    url: '/api/v1/risks',
    permission: 'portfolio:read',
    summary: 'The risk register (as `cto risks --all`), optionally of one repository.',
    schema: 'cto.risks/v1',
    query: PAGING.extend({ repository: z.string().min(1).optional() }),
    list: true,
    handler: ({ store, query }) =>
      registerRows(store, typeof query.repository === 'string' ? [query.repository] : undefined),
  },
  {
    method: 'GET',
    url: '/api/v1/people',
    permission: 'people:read',
    summary: 'Contributors of every current snapshot (people-level data, as `cto people`).',
    schema: 'cto.people/v1',
    query: PAGING,
    list: true,
    handler: ({ store }) => currentPeople(store, today()),
  },
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
];
