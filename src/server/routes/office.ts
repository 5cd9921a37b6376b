import { z } from 'zod';
import { decisionsDocument } from '../../cli/decisions.ts';
import { experimentsDocument } from '../../cli/experiments.ts';
import { objectivesDocument } from '../../cli/objectives.ts';
import { radarDocument } from '../../cli/radar.ts';
import { skillsDocument } from '../../cli/skills.ts';
import { DECISION_STATUSES } from '../../office/decisions/schema.ts';
import { referenceDay } from '../../reference-date.ts';
import { type ApiRoute, DAY, PAGING, str } from './route.ts';

const TODAY = z.object({ today: DAY.optional() });
const dayOf = (query: Record<string, unknown>) => referenceDay(str(query, 'today'));

export const OFFICE_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/decisions',
    permission: 'portfolio:read',
    summary:
      'Decision records (MADR 4), the supersede graph and the checks of accepted decisions (as `cto decisions --json`).',
    schema: 'cto.decisions/v1',
    query: PAGING.extend({ status: z.enum(DECISION_STATUSES).optional(), today: DAY.optional() }),
    list: 'records',
    handler: ({ store, ws, query }) =>
      decisionsDocument(store, ws, { status: str(query, 'status'), today: dayOf(query) }),
  },
  {
    method: 'GET',
    url: '/api/v1/objectives',
    permission: 'portfolio:read',
    summary: 'objectives.yaml scored from the snapshots (as `cto objectives --json`).',
    schema: 'cto.objectives/v1',
    query: PAGING.extend({ today: DAY.optional() }),
    list: 'objectives',
    handler: async ({ store, ws, query }) => ({ ...(await objectivesDocument(store, ws, dayOf(query))) }),
  },
  {
    method: 'GET',
    url: '/api/v1/radar',
    permission: 'portfolio:read',
    summary: 'The technology radar joined to usage (as `cto radar --json`); `radar` is null without one.',
    schema: 'cto.radar/v1',
    query: TODAY,
    handler: ({ store, ws, query }) => radarDocument(store, ws, dayOf(query)),
  },
  {
    method: 'GET',
    url: '/api/v1/experiments',
    permission: 'portfolio:read',
    summary: 'Experiments and their evidence (as `cto experiments --json`).',
    schema: 'cto.experiments/v1',
    query: PAGING.extend({ today: DAY.optional() }),
    list: 'experiments',
    handler: async ({ store, ws, query }) => ({ ...(await experimentsDocument(store, ws, dayOf(query))) }),
  },
  {
    method: 'GET',
    url: '/api/v1/skills',
    permission: 'people:read',
    summary:
      "People with recent work per technology and language, per team (people-level data, as `cto skills --json`); people outside a lead's teams pseudonymised.",
    schema: 'cto.skills/v1',
    query: PAGING.extend({ today: DAY.optional() }),
    list: 'rows',
    handler: ({ store, ws, query }) => skillsDocument(store, ws, { today: dayOf(query), anonymize: false }),
  },
];
