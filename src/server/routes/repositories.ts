import { listRepositories } from '../../store/repositories.ts';
import { type ApiRoute, PAGING } from './route.ts';

export const REPOSITORY_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/repositories',
    permission: 'portfolio:read',
    summary: 'Repositories in the store and their current snapshot (as `cto repos`).',
    schema: 'cto.repositories/v1',
    query: PAGING,
    list: true,
    handler: ({ store }) => listRepositories(store),
  },
];
