// The OpenAPI 3.1 document of the routes (GET /api/v1/openapi.json): query parameters and request
// bodies from the zod schemas, each operation's permission in `x-cto-permission`, its document's schema
// in `x-cto-schema` and its paged list in `x-cto-list`.
import { z } from 'zod';
import { TOOL_VERSION } from '../version.ts';
import type { ApiRoute } from './routes/route.ts';

export function openApiRoute(routes: readonly ApiRoute[]): ApiRoute {
  return {
    method: 'GET',
    url: '/api/v1/openapi.json',
    permission: 'api:describe',
    summary: 'This document: OpenAPI 3.1 generated from the route schemas.',
    schema: 'cto.openapi/v1',
    raw: true,
    handler: async () => openApiDocument([...routes]),
  };
}

const SECURITY: Record<NonNullable<ApiRoute['auth']>, object[]> = {
  caller: [{ bearer: [] }, { session: [] }],
  public: [],
  webhook: [{ standardWebhooks: [] }],
};

const CALLER_ERRORS = {
  '400': { description: 'a bad query parameter or body (USAGE)' },
  '401': { description: 'no valid credentials (UNAUTHENTICATED)' },
  '403': { description: 'the role or the token scope lacks the permission, or no CSRF token (FORBIDDEN)' },
  '404': { description: 'no such repository (REPOSITORY_NOT_FOUND) or route (NOT_FOUND)' },
};

const WEBHOOK_ERRORS = {
  '400': { description: 'not a valid event (EVENT_INVALID)' },
  '401': {
    description:
      'no valid signature (WEBHOOK_SIGNATURE) or a timestamp outside 5 minutes (WEBHOOK_TIMESTAMP)',
  },
  '409': { description: 'the webhook-id was already accepted (WEBHOOK_REPLAYED)' },
};

function operation(r: ApiRoute) {
  const schema = z.toJSONSchema(r.query ?? z.object({}), { io: 'input' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const ok = String(r.status ?? 200);
  return {
    summary: r.summary,
    'x-cto-permission': r.permission,
    ...(r.raw ? {} : { 'x-cto-schema': r.schema }),
    ...(r.list ? { 'x-cto-list': r.list } : {}),
    security: SECURITY[r.auth ?? 'caller'],
    parameters: [
      ...[...r.url.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(schema.properties ?? {}).map(([name, s]) => ({
        name,
        in: 'query',
        required: schema.required?.includes(name) ?? false,
        schema: s,
      })),
    ],
    ...(r.body
      ? {
          requestBody: {
            required: !r.body.safeParse(undefined).success,
            content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input' }) } },
          },
        }
      : {}),
    responses: {
      [ok]: r.download
        ? { description: `an attachment, ${r.schema}`, content: { [r.download]: {} } }
        : {
            description:
              ok === '204'
                ? 'done, no body'
                : ok.startsWith('3')
                  ? 'a redirect of the browser (Location)'
                  : `a JSON document, schema ${r.schema}`,
          },
      ...(r.auth === 'webhook' ? WEBHOOK_ERRORS : CALLER_ERRORS),
    },
  };
}

/** A route's URL as an OpenAPI path: Fastify's `:id` is OpenAPI's `{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

function openApiDocument(routes: readonly ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = openApiPath(r.url);
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'cto', version: TOOL_VERSION },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cto_session',
          description: 'state-changing requests also send the header x-csrf-token',
        },
        // Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256>).
        standardWebhooks: { type: 'apiKey', in: 'header', name: 'webhook-signature' },
      },
    },
    paths,
  };
}
