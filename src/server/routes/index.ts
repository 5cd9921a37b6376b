// The API's routes (docs/server.md#routes), one module per area: a new area adds its file and one line.
import { ACCOUNT_ROUTES } from './accounts.ts';
import { BUDGET_ROUTES } from './budget.ts';
import { CODE_ROUTES } from './code.ts';
import { DELIVERY_ROUTES } from './delivery.ts';
import { DEPENDENCY_ROUTES } from './dependencies.ts';
import { EVENT_ROUTES } from './events.ts';
import { EXPORT_ROUTES } from './exports.ts';
import { OFFICE_ROUTES } from './office.ts';
import { OIDC_ROUTES } from './oidc.ts';
import { PEOPLE_ROUTES } from './people.ts';
import { REPORT_ROUTES } from './report.ts';
import { REPORT_DOCUMENT_ROUTES } from './report-document.ts';
import { REPOSITORY_ROUTES } from './repositories.ts';
import { RISK_ROUTES } from './risks.ts';
import type { ApiRoute } from './route.ts';
import { SCAN_ROUTES } from './scans.ts';
import { SEARCH_ROUTES } from './search.ts';
import { SESSION_ROUTES } from './session.ts';
import { STATUS_ROUTES } from './status.ts';
import { TECHNOLOGY_ROUTES } from './technologies.ts';
import { TREND_ROUTES } from './trend.ts';

export type { ApiRoute } from './route.ts';

export const API_ROUTES: readonly ApiRoute[] = [
  ...SESSION_ROUTES,
  ...OIDC_ROUTES,
  ...REPOSITORY_ROUTES,
  ...CODE_ROUTES,
  ...PEOPLE_ROUTES,
  ...DELIVERY_ROUTES,
  ...DEPENDENCY_ROUTES,
  ...TECHNOLOGY_ROUTES,
  ...RISK_ROUTES,
  ...TREND_ROUTES,
  ...REPORT_ROUTES,
  ...REPORT_DOCUMENT_ROUTES,
  ...STATUS_ROUTES,
  ...OFFICE_ROUTES,
  ...BUDGET_ROUTES,
  ...SEARCH_ROUTES,
  ...ACCOUNT_ROUTES,
  ...EVENT_ROUTES,
  ...SCAN_ROUTES,
  ...EXPORT_ROUTES,
];
