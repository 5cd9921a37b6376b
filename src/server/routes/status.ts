import { z } from 'zod';
import { statusDocument } from '../../queue/status.ts';
import { referenceDay } from '../../reference-date.ts';
import { type ApiRoute, DAY } from './route.ts';

export const STATUS_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/status',
    permission: 'scans:read',
    summary:
      'The scan queue and its workers, and per repository the last successful scan, its age and the last error; stale repositories are findings (as `cto status --json`).',
    schema: 'cto.status/v1',
    query: z.object({ today: DAY.optional() }),
    handler: ({ store, ws, query }) =>
      statusDocument(store, ws, referenceDay(query.today as string | undefined)),
  },
];
