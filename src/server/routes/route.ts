// What a route of the API declares (docs/server.md#routes): method, permission, schemas of its query
// and body (zod, turned into the OpenAPI document), how its caller authenticates, and a handler that
// reads through the same functions as the CLI. The server does the rest: the caller, the role, the
// token's scopes, CSRF for cookie-authenticated writes, webhook signatures, validation, ETags, paging.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EXPOSURES } from '../../collectors/types.ts';
import type { Store } from '../../store/store.ts';
import type { Workspace } from '../../workspace.ts';
import type { Caller } from '../auth.ts';
import type { PeopleScope } from '../people-scope.ts';
import type { Permission } from '../roles.ts';

export interface RouteContext {
  store: Store;
  ws: Workspace;
  query: Record<string, unknown>;
  /** The body as the route's `body` schema parsed it (undefined without one, and for a webhook route). */
  body: unknown;
  /** The body exactly as received (a webhook's signature covers these bytes). */
  rawBody: Buffer | undefined;
  /** The client address (X-Forwarded-For only with --trust-proxy). */
  source: string;
  /** Path parameters (`:name`). */
  params: Record<string, string>;
  user: { email: string; role: string };
  caller: Caller;
  /** Which people the caller sees by name; the server masks the others in the document it sends. */
  people: PeopleScope;
  /** For what only a route knows: headers, cookies, redirects. */
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** The one permission a caller needs; a route without one stops the server from starting. */
  permission: Permission | undefined;
  summary: string;
  /** The JSON document's schema id (`cto.<name>/v1`), the same as the CLI's `--json`. */
  schema: string;
  /** Query parameters (default: none). */
  query?: z.ZodObject;
  /**
   * The JSON body of a POST, PUT, PATCH or DELETE; a body that does not parse is 400 USAGE. For a webhook
   * route it only documents the body: the handler parses `rawBody` (the signature covers the bytes).
   */
  body?: z.ZodType;
  /**
   * How the caller proves who they are: `caller` (default) a bearer token or the session cookie, with
   * CSRF for a cookie on a state-changing method; `public` nobody (signing in: the caller is
   * `anonymous`); `webhook` a Standard Webhooks signature with the server's secret (src/server/webhook.ts;
   * the caller's role is `webhook`). The permission is checked in every case.
   */
  auth?: 'caller' | 'public' | 'webhook';
  /** The status of a success (default 200; 204 sends no body). */
  status?: number;
  /**
   * The document's list the server pages (limit, offset; its length in `page`); none: not paged.
   * `groups[].rows` pages the rows every group holds (a repository's packages), by row.
   */
  list?: string;
  /** The document is sent as it is, without the envelope (the OpenAPI document, the report). */
  raw?: boolean;
  /** A file sent as an attachment (an export): its media type, for the OpenAPI document; the handler sends it. */
  download?: string;
  /** The document body (the CLI's `--json` without `schema` and `tool`, which the server adds). */
  handler: (ctx: RouteContext) => Promise<object | undefined>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received. */
    rawBody?: Buffer;
  }
}

export const PAGING = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');

/** A repository by its name in `cto repos` (REPOSITORY_NOT_FOUND, 404, when none is). */
export const REPOSITORY = z.string().min(1).optional();

/** A CLI switch as a query parameter: `true` or `false`. */
export const FLAG = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** `--scope` as a query parameter: exposures, comma-separated. */
export const SCOPE = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()))
  .pipe(z.array(z.enum(EXPOSURES)).min(1))
  .optional();

/** The query's value of `key` when it is a string. */
export function str(query: Record<string, unknown>, key: string): string | undefined {
  const v = query[key];
  return typeof v === 'string' ? v : undefined;
}
