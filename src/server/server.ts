// `cto serve`'s HTTP server (docs/server.md): Fastify, bearer tokens, default-deny roles, security
// headers, body and rate limits, ETags and paging on lists, errors as JSON with the CLI's codes.
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import { z } from 'zod';
import { CtoError, type ErrorCode, isCtoError } from '../errors.ts';
import { appendAudit, tokenByPrefix, touchToken } from '../store/accounts.ts';
import { acceptWebhookId } from '../store/events.ts';
import { nowIso, type Store } from '../store/store.ts';
import { TOOL_VERSION } from '../version.ts';
import type { Workspace } from '../workspace.ts';
import { parseToken, secretMatches } from './credentials.ts';
import { registerDashboard } from './dashboard.ts';
import { allows, PERMISSIONS } from './roles.ts';
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

const BODY_LIMIT_BYTES = 64 * 1024;

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
  /** The store's URL (PostgreSQL: scans started from the server go through its queue). */
  target?: string;
  /** Where a scheduled scan that could not start is said (default: stderr). */
  onScheduleError?: (message: string) => void;
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
};

/** Build the server with its routes; refuses (SERVER_CONFIG) a route that names no known permission. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const routes = [...(options.routes ?? API_ROUTES)];
  routes.push(openApiRoute(routes));
  for (const r of routes) {
    if (r.permission === undefined || !(PERMISSIONS as readonly string[]).includes(r.permission)) {
      throw new CtoError(
        'SERVER_CONFIG',
        `route ${r.method} ${r.url} declares no permission: refusing to start`,
      );
    }
  }
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, logger: false, exposeHeadRoutes: false });
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
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(SECURITY_HEADERS);
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
  const bearer = routes.filter((r) => r.auth !== 'webhook');
  for (const route of bearer) app.route(routeOptions(route, options, key));
  // Webhook routes keep the body as received: the signature covers those bytes, not re-serialised JSON.
  await app.register(async (raw) => {
    raw.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
      done(null, body);
    });
    for (const route of routes.filter((r) => r.auth === 'webhook'))
      raw.route(routeOptions(route, options, key));
  });
  await attachScans(app, options);
  return app;
}

function routeOptions(route: ApiRoute, options: ServerOptions, key: Buffer | null): RouteOptions {
  return {
    method: route.method,
    url: route.url,
    config: { permission: route.permission } as RouteOptions['config'],
    handler: async (req, reply) => {
      const user =
        route.auth === 'webhook'
          ? await webhookSender(options.store, req, key)
          : await authenticate(options.store, req);
      if (route.auth !== 'webhook' && !allows(user.role, route.permission as never)) {
        await audit(options.store, req, user.email, 'access.denied', { route: route.url, role: user.role });
        throw new CtoError('FORBIDDEN', `the role ${user.role} may not read ${route.url}`);
      }
      if (route.deferred?.roles.includes(user.role)) {
        throw new CtoError(
          'FORBIDDEN',
          `${route.url} is refused to the role ${user.role}: ${route.deferred.reason}`,
        );
      }
      const parsed = route.query.safeParse(req.query ?? {});
      if (!parsed.success) {
        throw new CtoError(
          'USAGE',
          `bad query: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      const query = parsed.data as Record<string, unknown>;
      const body = Buffer.isBuffer(req.body) ? req.body : undefined;
      const data = await route.handler({
        store: options.store,
        ws: options.ws,
        query,
        user,
        body,
        source: req.ip,
      });
      const doc = route.list
        ? page(route.schema, data as unknown[], query)
        : route.raw
          ? data
          : { schema: route.schema, ...(data as object) };
      const text = JSON.stringify(doc);
      if (route.method === 'GET') {
        const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
        reply.header('etag', etag);
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      }
      return reply.type('application/json; charset=utf-8').send(text);
    },
  };
}

/**
 * The sender of a signed webhook: the signature over the raw body, the timestamp and a message id not
 * seen before (docs/server.md#delivery-events); each refusal audited.
 */
async function webhookSender(
  store: Store,
  req: FastifyRequest,
  key: Buffer | null,
): Promise<{ email: string; role: string }> {
  if (!key) {
    throw new CtoError('WEBHOOKS_OFF', 'webhooks are off: set CTO_WEBHOOK_SECRET and restart cto serve');
  }
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  try {
    const id = verifyWebhook(key, req.headers, body, Math.floor(Date.now() / 1000));
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
  return { email: 'webhook', role: 'webhook' };
}

function page(schema: string, items: unknown[], query: Record<string, unknown>) {
  const limit = query.limit as number;
  const offset = query.offset as number;
  return { schema, total: items.length, limit, offset, items: items.slice(offset, offset + limit) };
}

function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

/** The caller of a request from its bearer token; UNAUTHENTICATED (audited) otherwise. */
async function authenticate(store: Store, req: FastifyRequest): Promise<{ email: string; role: string }> {
  const header = req.headers.authorization;
  if (!header) throw new CtoError('UNAUTHENTICATED', 'sign in: send Authorization: Bearer <token>');
  const parts = /^Bearer (\S+)$/i.exec(header);
  const token = parts ? parseToken(parts[1] as string) : null;
  const found = token ? await tokenByPrefix(store, token.prefix) : undefined;
  const now = nowIso();
  let reason: string | null = null;
  if (!token || !found || !secretMatches(token.secret, found.token.secret_hash)) reason = 'unknown token';
  else if (found.token.revoked_at) reason = 'revoked token';
  else if (found.token.expires_at && found.token.expires_at <= now) reason = 'expired token';
  else if (found.user.disabled_at) reason = 'disabled user';
  if (reason || !found) {
    await audit(store, req, found?.user.email ?? 'anonymous', 'auth.failed', {
      reason,
      ...(token ? { prefix: token.prefix } : {}),
    });
    throw new CtoError('UNAUTHENTICATED', 'the token is not valid');
  }
  await touchToken(store, found.token.id, now);
  return { email: found.user.email, role: found.user.role };
}

function audit(
  store: Store,
  req: FastifyRequest,
  actor: string,
  action: string,
  detail: Record<string, unknown>,
) {
  return appendAudit(store, { at: nowIso(), actor, source: req.ip, action, detail });
}

/** The OpenAPI 3.1 document of the routes, their query parameters from the zod schemas. */
function openApiRoute(routes: readonly ApiRoute[]): ApiRoute {
  return {
    method: 'GET',
    url: '/api/v1/openapi.json',
    permission: 'api:describe',
    summary: 'This document: OpenAPI 3.1 generated from the route schemas.',
    schema: 'cto.openapi/v1',
    query: z.object({}),
    list: false,
    raw: true,
    handler: async () => openApiDocument([...routes]),
  };
}

function openApiDocument(routes: readonly ApiRoute[]) {
  const paths: Record<string, unknown> = {};
  for (const r of routes) {
    const schema = z.toJSONSchema(r.query, { io: 'input' }) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    paths[r.url] = {
      [r.method.toLowerCase()]: {
        summary: r.summary,
        'x-cto-permission': r.permission,
        security: [r.auth === 'webhook' ? { standardWebhooks: [] } : { bearer: [] }],
        ...(r.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input' }) } },
              },
            }
          : {}),
        parameters: Object.entries(schema.properties ?? {}).map(([name, s]) => ({
          name,
          in: 'query',
          required: schema.required?.includes(name) ?? false,
          schema: s,
        })),
        responses: {
          '200': { description: `a JSON document, schema ${r.schema}` },
          ...(r.auth === 'webhook'
            ? {
                '400': { description: 'not a valid event (EVENT_INVALID)' },
                '401': {
                  description:
                    'no valid signature (WEBHOOK_SIGNATURE) or a timestamp outside 5 minutes (WEBHOOK_TIMESTAMP)',
                },
                '409': { description: 'the webhook-id was already accepted (WEBHOOK_REPLAYED)' },
              }
            : {
                '401': { description: 'no valid token (UNAUTHENTICATED)' },
                '403': { description: 'the role lacks the permission (FORBIDDEN)' },
              }),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'cto', version: TOOL_VERSION },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        // Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256>).
        standardWebhooks: { type: 'apiKey', in: 'header', name: 'webhook-signature' },
      },
    },
    paths,
  };
}
