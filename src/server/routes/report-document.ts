// The whole report document, for the dashboard's overview, area and findings pages: the same model
// `cto report --json` prints (schema cto.report/v2), people pseudonymised unless the caller may see them (docs/server.md#people-level-data).
import { z } from 'zod';
import { reportOf } from './report.ts';
import { type ApiRoute, DAY, str } from './route.ts';

export const REPORT_DOCUMENT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/report',
    permission: 'summary:read',
    summary:
      'The report document (as `cto report --json`, schema cto.report/v2): the summary, every area with its KPIs, figures, charts and findings, and the appendix; people pseudonymised unless the caller may see them (docs/server.md#people-level-data).',
    schema: 'cto.report/v2',
    query: z.object({ today: DAY.optional(), team: z.string().min(1).optional() }),
    raw: true,
    handler: ({ store, ws, query, people }) =>
      reportOf(store, ws, {
        today: str(query, 'today'),
        team: str(query, 'team'),
        // A lead sees own-team names: the others are masked by the server like in any document.
        anonymize: people.teams.length === 0,
      }),
  },
];
