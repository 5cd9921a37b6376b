import { referenceDay } from '../../reference-date.ts';
import { currentPeople } from '../../store/people.ts';
import { type ApiRoute, PAGING } from './route.ts';

export const PEOPLE_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/people',
    permission: 'people:read',
    summary: 'Contributors of every current snapshot (people-level data, as `cto people`).',
    schema: 'cto.people/v1',
    query: PAGING,
    list: true,
    deferred: { roles: ['lead'], reason: "people-level data limited to a lead's own teams is not built yet" },
    handler: ({ store }) => currentPeople(store, referenceDay()),
  },
];
