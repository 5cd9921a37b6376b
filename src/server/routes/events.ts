// Delivery events over HTTP (docs/server.md#delivery-events): deployments and incidents signed as
// Standard Webhooks; the server checks the signature, the timestamp and the message id before these run.
import { z } from 'zod';
import { CtoError } from '../../errors.ts';
import { recordDeployment, recordIncident } from '../../events/record.ts';
import { deploymentEventSchema, incidentEventSchema, parseEvent } from '../../events/schema.ts';
import type { ApiRoute, RouteContext } from './route.ts';

function json(ctx: RouteContext): unknown {
  try {
    return JSON.parse((ctx.rawBody ?? Buffer.alloc(0)).toString('utf8'));
  } catch (e) {
    throw new CtoError('EVENT_INVALID', `the body is not JSON: ${(e as Error).message}`);
  }
}

const receipt = (ctx: RouteContext) => ({ actor: 'webhook', source: ctx.source, now: new Date() });

export const EVENT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/api/v1/events/deployments',
    permission: 'events:write',
    auth: 'webhook',
    summary:
      'Record a deployment (as `cto event deployment`); signed as a Standard Webhook. The same event id again changes nothing.',
    schema: 'cto.event-recorded/v1',
    query: z.object({}),
    body: deploymentEventSchema,
    handler: async (ctx) =>
      recordDeployment(ctx.store, parseEvent(deploymentEventSchema, json(ctx), 'deployment'), receipt(ctx)),
  },
  {
    method: 'POST',
    url: '/api/v1/events/incidents',
    permission: 'events:write',
    auth: 'webhook',
    summary:
      'Record an incident (as `cto event incident`); signed as a Standard Webhook. The same id with a resolution time updates it.',
    schema: 'cto.event-recorded/v1',
    query: z.object({}),
    body: incidentEventSchema,
    handler: async (ctx) =>
      recordIncident(ctx.store, parseEvent(incidentEventSchema, json(ctx), 'incident'), receipt(ctx)),
  },
];
