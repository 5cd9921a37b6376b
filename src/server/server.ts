// `cto serve`'s HTTP server (docs/server.md): Fastify, bearer tokens and session cookies, default-deny
// roles and token scopes, CSRF on cookie-authenticated writes, security headers (HSTS over HTTPS),
// body and rate limits, ETags and paging on lists, errors as JSON with the CLI's codes.
import { createHash } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CtoError, type ErrorCode, isCtoError } from '../errors.ts';
import { acceptWebhookId } from '../store/events.ts';
import type { Store } from '../store/store.ts';
import { TOOL_VERSION } from '../version.ts';
import type { Workspace } from '../workspace.ts';
import { ANONYMOUS, audit, authenticate, type Caller, checkScopeAndCsrf } from './auth.ts';
import { registerDashboard } from './dashboard.ts';
import { createOidcService, type OidcSettings, oidcSettings } from './oidc.ts';
import { openApiRoute } from './openapi.ts';
import { peopleScope } from './people-scope.ts';
import { allows, PERMISSIONS, type Permission } from './roles.ts';
import { API_ROUTES, type ApiRoute } from './routes/index.ts';
import { attachScans } from './scans.ts';
import { verifyWebhook, webhookKey } from './webhook.ts';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  // Kept privately and revalidated each time (the ETag makes that cheap); never in a shared cache.
  'cache-control': 'private, no-cache',
} as const;

const EMPTY_QUERY = z.object({});

const BODY_LIMIT_BYTES = 64 * 1024;

/** Permissions of routes whose documents may name people: masked to what the caller may see. */
const CARRIES_PEOPLE: readonly Permission[] = ['portfolio:read', 'summary:read', 'people:read'];

/** Sent on every answer over HTTPS (directly, or behind a trusted proxy that says so): one year. */
const HSTS = 'max-age=31536000';

interface ServerOptions {
  store: Store;
  ws: Workspace;
  /** The routes to serve (default: the API's); the OpenAPI document's route is added. */
  routes?: readonly ApiRoute[];
  /** Requests per minute per client address (default 600). */
  rateLimit?: number;
  /** The built dashboard (default web/dist of the checkout). */
  webDir?: string;
  /** The webhook secret's key (default: CTO_WEBHOOK_SECRET, else cto.yaml `webhooks.secret`); null: webhooks off. */
  webhookKey?: Buffer | null;
  /** Where a scheduled scan that could not start is said (default: stderr). */
  onScheduleError?: (message: string) => void;
  /** Serve HTTPS directly with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Honour X-Forwarded-For and X-Forwarded-Proto: `true` from any peer (only when nothing but the
   * proxy can reach the server), or the proxies' addresses or CIDR ranges. Off by default.
   */
  trustProxy?: boolean | string;
  /**
   * Single sign-on (default: cto.yaml `server.oidc`, the client secret from CTO_OIDC_CLIENT_SECRET
   * first); null: off.
   */
  oidc?: OidcSettings | null;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  USAGE: 400,
  REPOSITORY_NOT_FOUND: 404,
  NO_STORE: 404,
  WEBHOOK_SIGNATURE: 401,
  WEBHOOK_TIMESTAMP: 401,
  WEBHOOK_REPLAYED: 409,
  WEBHOOKS_OFF: 503,
  EVENT_INVALID: 400,
  SCAN_IN_PROGRESS: 409,
  NO_REPOSITORIES: 400,
  USER_NOT_FOUND: 404,
  USER_EXISTS: 409,
};

/** Build the server with its routes; refuses (SERVER_CONFIG) a route that names no known permission. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const routes = [...(options.routes ?? API_ROUTES)];
  routes.push(openApiRoute(routes));
  for (const r of routes) checkRoute(r);
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    exposeHeadRoutes: false,
    trustProxy: options.trustProxy ?? false,
    ...(options.tls ? { https: options.tls } : {}),
  }) as unknown as FastifyInstance;
  const oidc = options.oidc !== undefined ? options.oidc : oidcSettings(options.ws.config, process.env);
  app.decorate('oidc', oidc ? createOidcService(oidc) : null);
  app.decorate('oidcRedirectUri', oidc?.redirect_uri);
  // Any route added without a permission, here or later, is refused as it is registered.
  app.addHook('onRoute', (r) => {
    const permission = (r.config as { permission?: string } | undefined)?.permission;
    if (!permission || !(PERMISSIONS as readonly string[]).includes(permission)) {
      throw new CtoError(
        'SERVER_CONFIG',
        `route ${String(r.method)} ${r.url} declares no permission: refusing to start`,
      );
    }
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
  await app.register(cookie);
  // JSON only: a cross-site form cannot send it without a CORS preflight, which cto never answers.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, raw, done) => {
    req.rawBody = raw as Buffer;
    try {
      done(null, (raw as Buffer).length === 0 ? undefined : JSON.parse((raw as Buffer).toString('utf8')));
    } catch {
      done(new CtoError('USAGE', 'the body is not valid JSON'), undefined);
    }
  });
  await app.register(rateLimit, {
    max: options.rateLimit ?? 600,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: {
        code: 'RATE_LIMITED',
        message: `too many requests: retry after ${Math.ceil(ctx.ttl / 1000)} s`,
      },
    }),
  });
  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send(errorBody('NOT_FOUND', 'no such route'));
  });
  app.setErrorHandler((e, _req, reply) => {
    if (isCtoError(e)) {
      reply.code(STATUS[e.code] ?? 500).send(errorBody(e.code, e.message));
      return;
    }
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 429) {
      reply.code(429).send(errorBody('RATE_LIMITED', 'too many requests'));
      return;
    }
    if (status && status >= 400 && status < 500) {
      reply.code(status).send(errorBody('USAGE', (e as Error).message));
      return;
    }
    // No stack trace and no internal message to the client.
    reply.code(500).send(errorBody('DB_QUERY', 'the request failed on the server'));
  });
  registerDashboard(app, options.webDir);
  const key =
    options.webhookKey !== undefined ? options.webhookKey : webhookKey(process.env, options.ws.config);
  const add = (into: FastifyInstance, route: ApiRoute) =>
    into.route({
      method: route.method,
      url: route.url,
      config: { permission: route.permission },
      handler: (req, reply) => handle(options, key, route, req, reply),
    });
  for (const route of routes.filter((r) => r.auth !== 'webhook')) add(app, route);
  // Webhook routes take the body as received, JSON or not: the signature is checked before it is read.
  await app.register(async (raw) => {
    raw.removeContentTypeParser('application/json');
    raw.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      req.rawBody = body as Buffer;
      done(null, undefined);
    });
    for (const route of routes.filter((r) => r.auth === 'webhook')) add(raw, route);
  });
  await attachScans(app, options);
  return app;
}

/**
 * The CLI's `--json` document (`schema`, `tool`, the body); a list route's list is cut to the page and
 * `page` says where it stands (`total` before paging). A list of rows held by groups
 * (`repositories[].packages`) is paged by row, each group keeping its shape (docs/server.md#routes).
 */
function envelope(route: ApiRoute, data: Record<string, unknown>, query: Record<string, unknown>) {
  const doc = { schema: route.schema, tool: { name: 'cto', version: TOOL_VERSION }, ...data };
  if (route.list === undefined) return doc;
  const limit = query.limit as number;
  const offset = query.offset as number;
  const [groups, rows] = route.list.split('[].') as [string, string | undefined];
  if (rows !== undefined) {
    const { page, total } = pageRows((data[groups] ?? []) as Record<string, unknown>[], rows, limit, offset);
    return { ...doc, [groups]: page, page: { list: route.list, total, limit, offset } };
  }
  const items = (data[route.list] ?? []) as unknown[];
  return {
    ...doc,
    [route.list]: items.slice(offset, offset + limit),
    page: { list: route.list, total: items.length, limit, offset },
  };
}

/**
 * Rows `offset` to `offset + limit` of the groups' rows taken in order, each group with its other
 * fields and only its rows on the page. A group with no rows stays on the page that holds the row
 * after it (the last page for the trailing ones), so that every group shows on exactly one page and
 * the whole list in one page is the CLI's document.
 */
export function pageRows(groups: Record<string, unknown>[], rows: string, limit: number, offset: number) {
  const total = groups.reduce((n, g) => n + ((g[rows] as unknown[] | undefined)?.length ?? 0), 0);
  const end = offset + limit;
  const page: Record<string, unknown>[] = [];
  let start = 0;
  for (const g of groups) {
    const list = (g[rows] ?? []) as unknown[];
    const from = Math.max(offset, start);
    const to = Math.min(end, start + list.length);
    const keep =
      list.length > 0 ? from < to : offset <= start && (start < end || (start === total && total <= end));
    if (keep) page.push({ ...g, [rows]: list.slice(from - start, Math.max(from, to) - start) });
    start += list.length;
  }
  return { page, total };
}

function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

/** A route must name a known permission; a public route one an anonymous caller holds. */
function checkRoute(r: ApiRoute): void {
  const refuse = (why: string) => {
    throw new CtoError('SERVER_CONFIG', `route ${r.method} ${r.url} ${why}: refusing to start`);
  };
  if (r.permission === undefined || !(PERMISSIONS as readonly string[]).includes(r.permission)) {
    refuse('declares no permission');
  }
  if (r.auth === 'public' && !allows('anonymous', r.permission as never)) {
    refuse(`is public but ${r.permission} is not granted to anonymous callers`);
  }
}

async function callerOf(
  store: Store,
  key: Buffer | null,
  route: ApiRoute,
  req: FastifyRequest,
): Promise<Caller> {
  if (route.auth === 'public') return ANONYMOUS;
  if (route.auth === 'webhook') return webhookSender(store, req, key);
  return authenticate(store, req);
}

/**
 * The sender of a signed webhook: the signature over the raw body, the timestamp and a message id not
 * seen before (docs/server.md#delivery-events); each refusal audited.
 */
async function webhookSender(store: Store, req: FastifyRequest, key: Buffer | null): Promise<Caller> {
  if (!key) {
    throw new CtoError('WEBHOOKS_OFF', 'webhooks are off: set CTO_WEBHOOK_SECRET and restart cto serve');
  }
  try {
    const id = verifyWebhook(key, req.headers, req.rawBody ?? Buffer.alloc(0), Math.floor(Date.now() / 1000));
    if (!(await acceptWebhookId(store, id, new Date()))) {
      throw new CtoError(
        'WEBHOOK_REPLAYED',
        `webhook-id ${id} was already accepted: a new message needs a new id`,
      );
    }
  } catch (e) {
    if (isCtoError(e)) {
      await audit(store, req, 'webhook', 'webhook.refused', {
        route: req.url,
        code: e.code,
        webhookId: String(req.headers['webhook-id'] ?? '').slice(0, 200),
      });
    }
    throw e;
  }
  return { email: 'webhook', role: 'webhook', via: 'webhook', scopes: ['write'] };
}

function parseOr400(schema: ApiRoute['body'], value: unknown, what: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CtoError(
    'USAGE',
    `bad ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
  );
}

/** One request: the caller, the role, the token's scope, CSRF, the schemas, then the handler. */
async function handle(
  options: ServerOptions,
  key: Buffer | null,
  route: ApiRoute,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const { store } = options;
  const caller = await callerOf(store, key, route, req);
  const permission = route.permission as NonNullable<ApiRoute['permission']>;
  if (!allows(caller.role, permission)) {
    await audit(store, req, caller.email, 'access.denied', { route: route.url, role: caller.role });
    throw new CtoError('FORBIDDEN', `the role ${caller.role} may not use ${route.method} ${route.url}`);
  }
  await checkScopeAndCsrf(store, req, caller, permission);
  const query = parseOr400(route.query ?? EMPTY_QUERY, req.query ?? {}, 'query') as Record<string, unknown>;
  const body = route.auth === 'webhook' ? undefined : parseOr400(route.body, req.body, 'body');
  const user = { email: caller.email, role: caller.role };
  const people = peopleScope(store, options.ws, user);
  const data = await route.handler({
    store,
    ws: options.ws,
    query,
    params: (req.params ?? {}) as Record<string, string>,
    people,
    body,
    rawBody: req.rawBody,
    source: req.ip,
    user,
    caller,
    request: req,
    reply,
  });
  if (reply.sent) return reply;
  if (route.status === 204) return reply.code(204).send();
  const document = route.raw ? data : envelope(route, data as Record<string, unknown>, query);
  // Accounts, sessions, events and the API description carry no people of the portfolio.
  const shown = CARRIES_PEOPLE.includes(permission as Permission) ? await people.mask(document) : document;
  const text = JSON.stringify(shown);
  reply.code(route.status ?? 200).type('application/json; charset=utf-8');
  if (route.method !== 'GET') return reply.send(text);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag);
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(text);
}
