// The API's routes (docs/server.md#routes): each names the permission it needs, its query schema
// (zod, turned into the OpenAPI document) and reads through the same store functions as the CLI.
import { z } from 'zod';
import { referenceDay } from '../reference-date.ts';
import { buildWorkspaceReport } from '../report/workspace.ts';
import { auditRows, listUsers } from '../store/accounts.ts';
import { currentPeople } from '../store/people.ts';
import { listRepositories } from '../store/repositories.ts';
import { registerRows } from '../store/risks.ts';
import type { Store } from '../store/store.ts';
import { TREND_GROUPS } from '../trend/build.ts';
import { buildWorkspaceTrend } from '../trend/workspace.ts';
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
  /** Roles that hold the permission but are refused here until their scoping is built (403, saying why). */
  deferred?: { roles: readonly string[]; reason: string };
  handler: (ctx: RouteContext) => Promise<unknown>;
}

const PAGING = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');

/** Roles that see people only under stable pseudonyms. */
const ANONYMISED_ROLES: readonly string[] = ['board'];

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
    deferred: { roles: ['lead'], reason: "people-level data limited to a lead's own teams is not built yet" },
    handler: ({ store }) => currentPeople(store, referenceDay()),
  },
  {
    method: 'GET',
    url: '/api/v1/trend',
    permission: 'portfolio:read',
    summary: 'Key metrics over time (as `cto trend --json`): one series per portfolio, team or repository.',
    schema: 'cto.trend/v1',
    query: z.object({
      metric: z.string().min(1).optional(),
      by: z.enum(TREND_GROUPS).default('portfolio'),
      since: DAY.optional(),
      today: DAY.optional(),
    }),
    list: false,
    handler: ({ store, ws, query }) =>
      buildWorkspaceTrend(store, ws, {
        ...(typeof query.metric === 'string' ? { metric: query.metric } : {}),
        by: query.by as (typeof TREND_GROUPS)[number],
        ...(typeof query.since === 'string' ? { since: query.since } : {}),
        today: referenceDay(query.today as string | undefined),
      }),
  },
  {
    method: 'GET',
    url: '/api/v1/report/summary',
    permission: 'summary:read',
    summary:
      "The report's executive summary (the `summary` of `cto report --json`): area ratings, top risks, register counts, decisions needed; people anonymised for the board.",
    schema: 'cto.report-summary/v1',
    query: z.object({ today: DAY.optional(), team: z.string().min(1).optional() }),
    list: false,
    handler: async ({ store, ws, query, user }) => {
      const day = referenceDay(query.today as string | undefined);
      const model = await buildWorkspaceReport(store, ws, {
        day,
        ...(query.today ? { now: new Date(`${day}T00:00:00Z`) } : {}),
        ...(typeof query.team === 'string' ? { team: query.team } : {}),
        anonymize: ANONYMISED_ROLES.includes(user.role),
      });
      return {
        generatedAt: model.generatedAt,
        scope: model.scope,
        notice: model.notice,
        summary: model.summary,
      };
    },
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
