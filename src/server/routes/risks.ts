import { z } from 'zod';
import { risksDocument } from '../../cli/risks.ts';
import { registerGaps } from '../../risk/gaps.ts';
import { RISK_STATUSES } from '../../risk/register-view.ts';
import type { RiskStatus } from '../../store/schema.ts';
import { nowIso } from '../../store/store.ts';
import { modelCache } from '../model-cache.ts';
import { type ApiRoute, DAY, PAGING, REPOSITORY, str } from './route.ts';

const STATUS = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()))
  .pipe(z.array(z.enum(['all', ...RISK_STATUSES])).min(1))
  .optional();

export const RISK_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/risks',
    permission: 'portfolio:read',
    summary:
      'The risk register, most urgent first (as `cto risks --json`, as the last scan, `cto risks` or `cto report` left it).',
    schema: 'cto.risks/v1',
    query: PAGING.extend({
      repository: REPOSITORY,
      team: z.string().min(1).optional(),
      status: STATUS,
      today: DAY.optional(),
    }),
    list: 'risks',
    handler: ({ store, ws, query }) => {
      const status = query.status as string[] | undefined;
      return risksDocument(
        store,
        {
          repository: str(query, 'repository'),
          team: str(query, 'team'),
          statuses: status?.includes('all') ? RISK_STATUSES : ((status ?? ['open']) as RiskStatus[]),
          today: str(query, 'today') ?? nowIso().slice(0, 10),
        },
        // What was not checked reads every dependency: kept while the store stays the same.
        (s, q) =>
          modelCache(s, ws).get(JSON.stringify(['register-gaps', q.repository ?? null, q.today]), () =>
            registerGaps(s, q),
          ),
      );
    },
  },
];
