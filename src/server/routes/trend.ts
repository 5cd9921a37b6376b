import { z } from 'zod';
import { referenceDay } from '../../reference-date.ts';
import { TREND_GROUPS } from '../../trend/build.ts';
import { buildWorkspaceTrend } from '../../trend/workspace.ts';
import { type ApiRoute, DAY } from './route.ts';

export const TREND_ROUTES: readonly ApiRoute[] = [
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
    handler: async ({ store, ws, query }) => ({
      ...(await buildWorkspaceTrend(store, ws, {
        ...(typeof query.metric === 'string' ? { metric: query.metric } : {}),
        by: query.by as (typeof TREND_GROUPS)[number],
        ...(typeof query.since === 'string' ? { since: query.since } : {}),
        today: referenceDay(query.today as string | undefined),
      })),
    }),
  },
];
