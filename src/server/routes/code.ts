import { z } from 'zod';
import { DEFAULT_COUPLING } from '../../analyses/coupling/coupling.ts';
import { codeDocument } from '../../cli/code.ts';
import { hotspotsDocument } from '../../cli/hotspots.ts';
import { resolveRepositoryName } from '../../store/repositories.ts';
import { type ApiRoute, DAY, FLAG, PAGING, REPOSITORY, str } from './route.ts';

export const CODE_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/code',
    permission: 'portfolio:read',
    summary: 'Languages with files and code, comment and blank lines (as `cto code --json`).',
    schema: 'cto.code/v1',
    query: PAGING.extend({
      repository: REPOSITORY,
      by: z.enum(['language', 'folder']).default('language'),
      depth: z.coerce.number().int().min(1).default(1),
    }),
    list: 'languages',
    handler: ({ store, query }) =>
      codeDocument(store, {
        repository: str(query, 'repository'),
        by: query.by as 'language' | 'folder',
        depth: query.depth as number,
      }),
  },
  {
    method: 'GET',
    url: '/api/v1/hotspots',
    permission: 'portfolio:read',
    summary:
      'Files ranked by commits x code lines, with complexity and trend; `coupling=true`: files that change together (as `cto hotspots --json`).',
    schema: 'cto.hotspots/v1',
    query: z.object({
      repository: REPOSITORY,
      top: z.coerce.number().int().min(1).default(20),
      folder: z.string().min(1).optional(),
      all: FLAG,
      coupling: FLAG,
      'min-degree': z.coerce.number().int().min(1).max(100).default(DEFAULT_COUPLING.minDegree),
      'min-revs': z.coerce.number().int().min(1).default(DEFAULT_COUPLING.minRevs),
      today: DAY.optional(),
    }),
    handler: async ({ store, ws, query }) =>
      hotspotsDocument(store, ws, {
        repository: await resolveRepositoryName(store, str(query, 'repository')),
        top: query.top as number,
        folder: str(query, 'folder'),
        all: query.all === true,
        coupling: query.coupling === true,
        minDegree: query['min-degree'] as number,
        minRevs: query['min-revs'] as number,
        today: str(query, 'today'),
      }),
  },
];
