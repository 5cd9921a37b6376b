import { z } from 'zod';
import { referenceDay } from '../../reference-date.ts';
import { buildWorkspaceReport } from '../../report/workspace.ts';
import { REPORT_AREAS } from '../../results.ts';
import { resolveRepositoryName } from '../../store/repositories.ts';
import type { Store } from '../../store/store.ts';
import type { Workspace } from '../../workspace.ts';
import { modelCache } from '../model-cache.ts';
import { type ApiRoute, DAY, PAGING, REPOSITORY, str } from './route.ts';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/**
 * The report model of the workspace (as `cto report --json` builds it), kept between requests while
 * the store, the office files and the reference day stay the same (src/server/model-cache.ts).
 */
export function reportOf(
  store: Store,
  ws: Workspace,
  q: { today?: string | undefined; team?: string | undefined; anonymize: boolean },
) {
  const day = referenceDay(q.today);
  const key = JSON.stringify(['report', day, q.today !== undefined, q.team ?? null, q.anonymize]);
  return modelCache(store, ws).get(key, () =>
    buildWorkspaceReport(store, ws, {
      day,
      ...(q.today ? { now: new Date(`${day}T00:00:00Z`) } : {}),
      ...(q.team ? { team: q.team } : {}),
      anonymize: q.anonymize,
    }),
  );
}

/**
 * The findings of `cto report --json`, every area's, each with its evidence (commits, files, packages,
 * advisories, people) and the SQL that reproduces it; filtered by area, repository and severity.
 */
export async function findingsDocument(
  store: Store,
  ws: Workspace,
  q: {
    today?: string | undefined;
    area?: string | undefined;
    repository?: string | undefined;
    severity?: string | undefined;
  },
) {
  const repository = await resolveRepositoryName(store, q.repository);
  const model = await reportOf(store, ws, { today: q.today, anonymize: false });
  const findings = model.sections
    .flatMap((s) => s.findings.map((f) => ({ area: s.id, ...f })))
    .filter((f) => q.area === undefined || f.area === q.area)
    .filter((f) => repository === undefined || f.repository === repository)
    .filter((f) => q.severity === undefined || f.severity === q.severity);
  return { generatedAt: model.generatedAt, findings };
}

export const REPORT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/report/summary',
    permission: 'summary:read',
    summary:
      "The report's executive summary (the `summary` of `cto report --json`): area ratings, top risks, register counts, decisions needed; people pseudonymised unless the caller may see them.",
    schema: 'cto.report-summary/v1',
    query: z.object({ today: DAY.optional(), team: z.string().min(1).optional() }),
    handler: async ({ store, ws, query, people }) => {
      const model = await reportOf(store, ws, {
        today: str(query, 'today'),
        team: str(query, 'team'),
        // A lead sees own-team names: the others are masked by the server like in any document.
        anonymize: people.teams.length === 0,
      });
      return {
        generatedAt: model.generatedAt,
        scope: model.scope,
        notice: model.notice,
        summary: model.summary,
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/findings',
    permission: 'portfolio:read',
    summary:
      "Every finding of the report with its evidence and the SQL that reproduces it (the sections' findings of `cto report --json`), by area, repository and severity.",
    schema: 'cto.findings/v1',
    query: PAGING.extend({
      area: z.enum(REPORT_AREAS).optional(),
      repository: REPOSITORY,
      severity: z.enum(SEVERITIES).optional(),
      today: DAY.optional(),
    }),
    list: 'findings',
    handler: ({ store, ws, query }) =>
      findingsDocument(store, ws, {
        today: str(query, 'today'),
        area: str(query, 'area'),
        repository: str(query, 'repository'),
        severity: str(query, 'severity'),
      }),
  },
];
