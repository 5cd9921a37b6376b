import { z } from 'zod';
import { depsDocument } from '../../cli/deps.ts';
import { eolDocument } from '../../cli/eol.ts';
import { licencesDocument } from '../../cli/licences.ts';
import { vulnsDocument } from '../../cli/vulns.ts';
import type { Exposure } from '../../collectors/types.ts';
import { ECOSYSTEMS } from '../../collectors/types.ts';
import type { SeverityLevel } from '../../feeds/osv/severity.ts';
import { SEVERITY_ORDER } from '../../findings/vulnerabilities/find.ts';
import { referenceDay } from '../../reference-date.ts';
import { type ApiRoute, DAY, FLAG, PAGING, REPOSITORY, SCOPE, str } from './route.ts';

const ECOSYSTEM = z.enum(ECOSYSTEMS).optional();
const LEVELS = SEVERITY_ORDER.filter((l) => l !== 'unknown' && l !== 'none') as [string, ...string[]];
const scopeOf = (query: Record<string, unknown>) => query.scope as Exposure[] | undefined;

export const DEPENDENCY_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/dependencies',
    permission: 'portfolio:read',
    summary: "Each repository's packages, merged from every manifest and lockfile (as `cto deps --json`).",
    schema: 'cto.deps/v1',
    query: PAGING.extend({ repository: REPOSITORY, ecosystem: ECOSYSTEM, direct: FLAG, scope: SCOPE }),
    list: 'repositories[].packages',
    handler: ({ store, query }) =>
      depsDocument(store, {
        repository: str(query, 'repository'),
        ecosystem: str(query, 'ecosystem'),
        direct: query.direct === true ? true : undefined,
        scope: scopeOf(query),
      }),
  },
  {
    method: 'GET',
    url: '/api/v1/vulnerabilities',
    permission: 'portfolio:read',
    summary:
      'Advisories (OSV) affecting the current dependencies, ranked as risks, with what was not checked (as `cto vulns --json`).',
    schema: 'cto.vulns/v2',
    query: PAGING.extend({
      repository: REPOSITORY,
      severity: z.enum(LEVELS).optional(),
      ecosystem: ECOSYSTEM,
      scope: SCOPE,
    }),
    list: 'findings',
    handler: ({ store, ws, query }) =>
      vulnsDocument(store, ws, {
        repository: str(query, 'repository'),
        severity: str(query, 'severity') as SeverityLevel | undefined,
        ecosystem: str(query, 'ecosystem'),
        scope: scopeOf(query),
      }),
  },
  {
    method: 'GET',
    url: '/api/v1/eol',
    permission: 'portfolio:read',
    summary:
      'Runtimes, container images and frameworks with their support end, end of life and runway (as `cto eol --json`).',
    schema: 'cto.eol/v2',
    query: PAGING.extend({
      repository: REPOSITORY,
      today: DAY.optional(),
      window: z.coerce.number().min(0).max(120).optional(),
      scope: SCOPE,
    }),
    list: 'rows',
    handler: ({ store, ws, query }) =>
      eolDocument(store, ws, {
        repository: str(query, 'repository'),
        today: referenceDay(str(query, 'today')),
        window: query.window as number | undefined,
        scope: scopeOf(query),
      }),
  },
  {
    method: 'GET',
    url: '/api/v1/licences',
    permission: 'portfolio:read',
    summary: "Each package's licence (SPDX) judged against the licence policy (as `cto licences --json`).",
    schema: 'cto.licences/v1',
    query: PAGING.extend({ repository: REPOSITORY, ecosystem: ECOSYSTEM, violations: FLAG, scope: SCOPE }),
    list: 'repositories[].packages',
    handler: ({ store, ws, query }) =>
      licencesDocument(store, ws, {
        repository: str(query, 'repository'),
        ecosystem: str(query, 'ecosystem'),
        violations: query.violations === true,
        scope: scopeOf(query),
      }),
  },
];
