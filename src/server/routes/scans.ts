// Scans started from the server (docs/server.md#scans): admins start a scan of the configured sources
// (all, or named repositories); members follow its progress and the schedules' next runs. The scan
// status of every repository is GET /api/v1/status (routes/status.ts).
import { z } from 'zod';
import { CtoError } from '../../errors.ts';
import { type ApiRoute, PAGING } from './route.ts';

const ID = z.object({ id: z.coerce.number().int().min(1) });

export const SCAN_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    url: '/api/v1/scans',
    permission: 'scans:run',
    summary:
      'Start a scan of every repository sources.yaml lists (no body, or `{}`), or of named ones (`{"repositories": ["shop"]}`). PostgreSQL: one job per repository on the queue for `cto worker`; SQLite: in the server, one scan at a time (409 SCAN_IN_PROGRESS while one runs). Answers 202 with the scan, audited.',
    schema: 'cto.scan-run/v1',
    body: z
      .object({ repositories: z.array(z.string().min(1)).min(1).max(10_000).optional() })
      .strict()
      .optional(),
    status: 202,
    handler: ({ body, user, request }) =>
      request.server.scans.service.start({
        actor: user.email,
        source: request.ip,
        trigger: 'api',
        repositories: (body as { repositories?: string[] } | undefined)?.repositories ?? null,
      }),
  },
  {
    method: 'GET',
    url: '/api/v1/scans',
    permission: 'scans:read',
    summary:
      'Scans started from the server, newest first, each with its progress (repositories done / total) and failures with their reasons; and the schedules of cto.yaml with their next run.',
    schema: 'cto.scan-runs/v1',
    query: PAGING,
    handler: async ({ query, request }) => {
      const { service, schedules } = request.server.scans;
      const page = { limit: query.limit as number, offset: query.offset as number };
      const { total, items } = await service.list(page);
      return { total, ...page, items, schedules: schedules.list() };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/scans/:id',
    permission: 'scans:read',
    summary:
      'One scan started from the server: its progress, failures and every repository with its outcome.',
    schema: 'cto.scan-run/v1',
    handler: ({ request }) => {
      const parsed = ID.safeParse(request.params);
      if (!parsed.success)
        throw new CtoError('USAGE', 'a scan id is a whole number from 1 (GET /api/v1/scans)');
      return request.server.scans.service.get(parsed.data.id);
    },
  },
];
