// Search across repositories, people (only those the caller may see), packages and advisories: each
// result links to the route that holds its evidence.
import { z } from 'zod';
import { loadDirectory } from '../../analyses/knowledge/directory.ts';
import { depsDocument } from '../../cli/deps.ts';
import { vulnsDocument } from '../../cli/vulns.ts';
import { referenceDay } from '../../reference-date.ts';
import { listRepositories } from '../../store/repositories.ts';
import { modelCache } from '../model-cache.ts';
import type { PeopleScope } from '../people-scope.ts';
import { type ApiRoute, PAGING, type RouteContext } from './route.ts';

const KINDS = ['repository', 'person', 'package', 'advisory'] as const;

interface SearchResult {
  kind: (typeof KINDS)[number];
  id: string;
  title: string;
  repository: string | null;
  /** The API route that shows it with its evidence. */
  link: string;
}

const enc = encodeURIComponent;

async function searchPeople(ctx: RouteContext, hit: (s: string) => boolean, scope: PeopleScope) {
  const { directory } = await loadDirectory(ctx.store, ctx.ws.dir, ctx.ws.config, referenceDay());
  return directory.people
    .filter((p) => !p.bot && scope.sees([...p.names, ...p.emails]))
    .filter((p) => [...p.names, ...p.emails].some(hit))
    .map<SearchResult>((p) => ({
      kind: 'person',
      id: p.emails[0] ?? p.name,
      title: p.name,
      repository: null,
      link: '/api/v1/people',
    }));
}

/** Every repository's packages and every advisory found, kept between requests (model-cache.ts). */
const everyPackage = (ctx: RouteContext) =>
  modelCache(ctx.store, ctx.ws).get('deps:all', () => depsDocument(ctx.store, {}));
const everyAdvisory = (ctx: RouteContext) =>
  modelCache(ctx.store, ctx.ws).get(JSON.stringify(['vulns:all', referenceDay()]), () =>
    vulnsDocument(ctx.store, ctx.ws, {}),
  );

async function search(ctx: RouteContext): Promise<SearchResult[]> {
  const q = (ctx.query.q as string).toLowerCase();
  const kinds = (ctx.query.kind as string[] | undefined) ?? KINDS;
  const hit = (s: string | null | undefined) => typeof s === 'string' && s.toLowerCase().includes(q);
  const results: SearchResult[] = [];
  if (kinds.includes('repository'))
    for (const r of await listRepositories(ctx.store))
      if (hit(r.name))
        results.push({
          kind: 'repository',
          id: r.name,
          title: r.name,
          repository: r.name,
          link: `/api/v1/repositories/${enc(r.name)}`,
        });
  if (kinds.includes('person') && (ctx.people.all || ctx.people.teams.length > 0))
    results.push(...(await searchPeople(ctx, hit, ctx.people)));
  if (kinds.includes('package'))
    for (const r of (await everyPackage(ctx)).repositories)
      for (const p of r.packages)
        if (hit(p.name))
          results.push({
            kind: 'package',
            id: `${p.ecosystem}:${p.name}${p.version ? `@${p.version}` : ''}`,
            title: `${p.name} ${p.version ?? p.requirements.join(' ')}`.trim(),
            repository: r.name,
            link: `/api/v1/dependencies?repository=${enc(r.name)}&ecosystem=${enc(p.ecosystem)}`,
          });
  if (kinds.includes('advisory'))
    for (const f of (await everyAdvisory(ctx)).findings)
      if ([f.id, ...f.aliases, f.summary, f.name].some(hit))
        results.push({
          kind: 'advisory',
          id: f.id,
          title: `${f.id} in ${f.name}: ${f.summary ?? ''}`.trim(),
          repository: f.repository,
          link: `/api/v1/vulnerabilities?repository=${enc(f.repository)}`,
        });
  return results;
}

export const SEARCH_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/search',
    permission: 'portfolio:read',
    summary:
      'Search repositories, people (only those the caller may see: a lead, the teams they lead), packages and advisories; each result links to its evidence.',
    schema: 'cto.search/v1',
    query: PAGING.extend({
      q: z.string().trim().min(2, 'at least 2 characters').max(200),
      kind: z
        .string()
        .transform((v) => v.split(',').map((s) => s.trim()))
        .pipe(z.array(z.enum(KINDS)).min(1))
        .optional(),
    }),
    list: 'results',
    handler: async (ctx) => ({ query: ctx.query.q as string, results: await search(ctx) }),
  },
];
