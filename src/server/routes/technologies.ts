import { z } from 'zod';
import { CATEGORIES } from '../../analyses/technologies/schema.ts';
import { techDocument } from '../../cli/tech.ts';
import type { Exposure } from '../../collectors/types.ts';
import { type ApiRoute, PAGING, REPOSITORY, SCOPE, str } from './route.ts';

export const TECHNOLOGY_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/technologies',
    permission: 'portfolio:read',
    summary: 'Technologies per repository and per team with their evidence (as `cto tech --json`).',
    schema: 'cto.tech/v1',
    query: PAGING.extend({ repository: REPOSITORY, category: z.enum(CATEGORIES).optional(), scope: SCOPE }),
    list: 'repositories[].technologies',
    handler: ({ store, ws, query }) =>
      techDocument(store, ws, {
        repository: str(query, 'repository'),
        category: str(query, 'category'),
        scope: query.scope as Exposure[] | undefined,
      }),
  },
];
