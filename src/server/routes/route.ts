// What a route of the API is (docs/server.md#routes): the permission it needs, its query schema (zod,
// turned into the OpenAPI document) and a handler that reads through the same functions as the CLI.
import { z } from 'zod';
import type { Store } from '../../store/store.ts';
import type { Workspace } from '../../workspace.ts';
import type { Permission } from '../roles.ts';

export interface RouteContext {
  store: Store;
  ws: Workspace;
  query: Record<string, unknown>;
  user: { email: string; role: string };
  /** The request body as received, for routes that take one (a webhook's signature covers these bytes). */
  body: Buffer | undefined;
  /** The client address. */
  source: string;
}

export interface ApiRoute {
  method: 'GET' | 'POST';
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
  /**
   * How the caller is authenticated: a bearer token and the role's permission (the default), or a
   * Standard Webhooks signature with the server's webhook secret (src/server/webhook.ts).
   */
  auth?: 'bearer' | 'webhook';
  /** The JSON body a POST route takes, for the OpenAPI document (the handler parses the raw body). */
  body?: z.ZodType;
  /** Roles that hold the permission but are refused here until their scoping is built (403, saying why). */
  deferred?: { roles: readonly string[]; reason: string };
  handler: (ctx: RouteContext) => Promise<unknown>;
}

export const PAGING = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');

/** Roles that see people only under stable pseudonyms. */
export const ANONYMISED_ROLES: readonly string[] = ['board'];
