import { z } from 'zod';
import { loadBudgetFacts } from '../../budget/load-budget.ts';
import { loadVendorsRegister } from '../../budget/load-vendors.ts';
import { costsDocument } from '../../cli/costs.ts';
import { COST_GROUPS, type CostGroup } from '../../costs/summary.ts';
import { referenceDay } from '../../reference-date.ts';
import { type ApiRoute, DAY, str } from './route.ts';

const TODAY = z.object({ today: DAY.optional() });

export const BUDGET_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/costs',
    permission: 'portfolio:read',
    summary:
      'Spend per month and per team, repository, technology, service and provider from imported FOCUS exports (as `cto costs --json`).',
    schema: 'cto.costs/v1',
    query: z.object({
      by: z.enum(COST_GROUPS).optional(),
      since: z
        .string()
        .regex(/^\d{4}-\d{2}$/, 'a month, YYYY-MM')
        .optional(),
    }),
    handler: ({ store, ws, query }) =>
      costsDocument(store, ws, { by: str(query, 'by') as CostGroup | undefined, since: str(query, 'since') }),
  },
  {
    method: 'GET',
    url: '/api/v1/vendors',
    permission: 'portfolio:read',
    summary: 'Vendor contracts (vendors.yaml) joined to the scan (as `cto vendors --json`).',
    schema: 'cto.vendors/v1',
    query: TODAY,
    handler: async ({ store, ws, query }) => ({
      ...(await loadVendorsRegister(store, ws, referenceDay(str(query, 'today')))),
    }),
  },
  {
    method: 'GET',
    url: '/api/v1/budget',
    permission: 'portfolio:read',
    summary:
      'Labour cost per repository and team and the interest on technical debt (as `cto budget --json`).',
    schema: 'cto.budget/v1',
    query: TODAY,
    handler: async ({ store, ws, query }) => ({
      ...(await loadBudgetFacts(store, ws, referenceDay(str(query, 'today')))),
    }),
  },
];
