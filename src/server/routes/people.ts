import { knowledgeDocument } from '../../cli/knowledge.ts';
import { peopleDocument } from '../../cli/people.ts';
import { teamsDocument } from '../../cli/teams.ts';
import { referenceDay } from '../../reference-date.ts';
import { resolveRepositoryName } from '../../store/repositories.ts';
import { type ApiRoute, DAY, PAGING, REPOSITORY, str } from './route.ts';

export const PEOPLE_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/people',
    permission: 'people:read',
    summary:
      'Contributors and their figures (people-level data, as `cto people --json`); a lead gets the people of the teams they lead only.',
    schema: 'cto.people/v1',
    query: PAGING.extend({ repository: REPOSITORY, today: DAY.optional() }),
    list: 'people',
    handler: async ({ store, ws, query, people }) =>
      peopleDocument(store, ws, {
        repository: await resolveRepositoryName(store, str(query, 'repository')),
        anonymize: false,
        today: referenceDay(str(query, 'today')),
        ...(people.all ? {} : { only: people.sees }),
      }),
  },
  {
    method: 'GET',
    url: '/api/v1/knowledge',
    permission: 'portfolio:read',
    summary:
      'Truck factor per repository and top-level folder, the people it rests on, files with one author (as `cto knowledge --json`); people pseudonymised as `--anonymize` unless the caller may see them.',
    schema: 'cto.knowledge/v1',
    query: PAGING.extend({ repository: REPOSITORY, today: DAY.optional() }),
    list: 'repositories',
    handler: async ({ store, ws, query, people }) =>
      knowledgeDocument(store, ws, {
        repository: await resolveRepositoryName(store, str(query, 'repository')),
        // A lead sees own-team names: the others are masked by the server like in any document.
        anonymize: people.teams.length === 0,
        today: referenceDay(str(query, 'today')),
      }),
  },
  {
    method: 'GET',
    url: '/api/v1/teams',
    permission: 'portfolio:read',
    summary:
      'Knowledge risks per team (teams.yaml, CODEOWNERS) and what nobody owns (as `cto teams --json`).',
    schema: 'cto.teams/v1',
    query: PAGING.extend({ today: DAY.optional() }),
    list: 'teams',
    handler: async ({ store, ws, query }) => ({
      ...(await teamsDocument(store, ws, referenceDay(str(query, 'today')))),
    }),
  },
];
