import { z } from 'zod';
import { DEFAULT_COUPLING } from '../../analyses/coupling/coupling.ts';
import { codeDocument } from '../../cli/code.ts';
import { depsDocument } from '../../cli/deps.ts';
import { hotspotsDocument } from '../../cli/hotspots.ts';
import { reposDocument } from '../../cli/repos.ts';
import { referenceDay } from '../../reference-date.ts';
import { resolveRepositoryName } from '../../store/repositories.ts';
import { findingsDocument } from './report.ts';
import { type ApiRoute, DAY, PAGING, str } from './route.ts';

export const REPOSITORY_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/repositories',
    permission: 'portfolio:read',
    summary: 'Repositories in the store, their current snapshot and its age (as `cto repos --json`).',
    schema: 'cto.repos/v1',
    query: PAGING.extend({ today: DAY.optional() }),
    list: 'repositories',
    handler: ({ store, ws, query }) => reposDocument(store, ws, referenceDay(str(query, 'today'))),
  },
  {
    method: 'GET',
    url: '/api/v1/repositories/:name',
    permission: 'portfolio:read',
    summary:
      'One repository: its snapshot (`cto repos`), code (`cto code`), hotspots (`cto hotspots`), dependencies (`cto deps`) and findings with evidence.',
    schema: 'cto.repository/v1',
    query: z.object({ today: DAY.optional() }),
    handler: async ({ store, ws, query, params }) => {
      const name = (await resolveRepositoryName(store, params.name)) as string;
      const today = referenceDay(str(query, 'today'));
      const repos = await reposDocument(store, ws, today);
      const hotspots = await hotspotsDocument(store, ws, {
        repository: name,
        top: 20,
        minDegree: DEFAULT_COUPLING.minDegree,
        minRevs: DEFAULT_COUPLING.minRevs,
      });
      return {
        repository: repos.repositories.find((r) => r.name === name) ?? null,
        code: await codeDocument(store, { repository: name, by: 'language', depth: 1 }),
        hotspots,
        dependencies: (await depsDocument(store, { repository: name })).repositories[0] ?? null,
        findings: (await findingsDocument(store, ws, { repository: name, today })).findings,
      };
    },
  },
];
