import { z } from 'zod';
import { registerRows } from '../../store/risks.ts';
import { type ApiRoute, PAGING } from './route.ts';

export const RISK_ROUTES: readonly ApiRoute[] = [
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
];
