import { z } from 'zod';
import { referenceDay } from '../../reference-date.ts';
import { buildWorkspaceReport } from '../../report/workspace.ts';
import { ANONYMISED_ROLES, type ApiRoute, DAY } from './route.ts';

export const REPORT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/report/summary',
    permission: 'summary:read',
    summary:
      "The report's executive summary (the `summary` of `cto report --json`): area ratings, top risks, register counts, decisions needed; people anonymised for the board.",
    schema: 'cto.report-summary/v1',
    query: z.object({ today: DAY.optional(), team: z.string().min(1).optional() }),
    list: false,
    handler: async ({ store, ws, query, user }) => {
      const day = referenceDay(query.today as string | undefined);
      const model = await buildWorkspaceReport(store, ws, {
        day,
        ...(query.today ? { now: new Date(`${day}T00:00:00Z`) } : {}),
        ...(typeof query.team === 'string' ? { team: query.team } : {}),
        anonymize: ANONYMISED_ROLES.includes(user.role),
      });
      return {
        generatedAt: model.generatedAt,
        scope: model.scope,
        notice: model.notice,
        summary: model.summary,
      };
    },
  },
];
