// Scans started from the server (docs/server.md#scans): through the API by an admin, on SQLite in the
// server's process and on PostgreSQL through the queue and a worker; on a schedule from cto.yaml.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../test/helpers/processes.ts';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, type ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { syncSources } from '../fleet/sync.ts';
import { auditRows } from '../store/accounts.ts';
import { listServerScans } from '../store/server-scans.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace, type Workspace } from '../workspace.ts';
import { buildServer } from './server.ts';

let repos = '';

beforeAll(() => {
  repos = tempDir('cto-repos-');
  for (const name of ['alpha', 'beta'])
    buildRepo(join(repos, name), [
      {
        author: ADA,
        date: '2026-01-05T10:00:00Z',
        files: { 'README.md': `${name}\n`, 'a.ts': 'export {};\n' },
      },
    ]);
});

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** A workspace whose sources.yaml lists the two repositories' folder, synced into a fresh store. */
async function workspaceWithSources(
  engine: (typeof ENGINES)[number],
  yaml = '',
): Promise<{ ws: Workspace; store: Store; target: string }> {
  const dir = tempDir('cto-ws-');
  if (yaml) writeFileSync(join(dir, 'cto.yaml'), yaml);
  const target = freshStoreTarget(engine);
  const store = await openStore(target);
  await syncSources(store, { sources: [{ folder: repos }] }, { workspaceDir: dir, fetch: false });
  return { ws: loadWorkspace(dir), store, target };
}

describe('scheduled scans (SQLite, in the server process)', () => {
  test('a schedule of cto.yaml fires, its scan reaches done, is audited as the schedule and shows its next run', async () => {
    const { ws, store, target } = await workspaceWithSources(
      'sqlite',
      'server:\n  schedules:\n    - cron: "* * * * * *"\n      scan: all\n',
    );
    const errors: string[] = [];
    const app = await buildServer({ store, ws, target, onScheduleError: (m) => errors.push(m) });
    try {
      const [schedule] = app.scans.schedules.list();
      expect(schedule?.cron).toBe('* * * * * *');
      expect(schedule?.nextRunAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      await eventually('a scheduled scan done', async () =>
        (await listServerScans(store)).some((s) => s.status === 'done'),
      );
      const done = (await app.scans.service.list()).find((s) => s.status === 'done');
      expect(done).toMatchObject({ trigger: 'schedule', startedBy: 'schedule:* * * * * *', scope: 'all' });
      expect(done?.progress).toMatchObject({ total: 2, done: 2, pending: 0 });
      expect(done?.outcomes.failed).toBe(0);
      const audit = (await auditRows(store)).filter((r) => r.action === 'scan.started');
      expect(audit[0]?.actor).toBe('schedule:* * * * * *');
      expect(JSON.parse(audit.at(-1)?.detail ?? '{}')).toMatchObject({ trigger: 'schedule', scope: 'all' });
      // The schedule remembers its last run.
      expect(app.scans.schedules.list()[0]?.lastRun).not.toBeNull();
    } finally {
      await app.close();
      await store.close();
    }
  }, 60_000);

  test('a bad cron expression or time zone refuses to start, naming the schedule', async () => {
    for (const [yaml, message] of [
      [
        '    - cron: "61 * * * *"\n      scan: all\n',
        /server\.schedules\[0\]: "61 \* \* \* \*" is not a valid schedule/,
      ],
      [
        '    - cron: "0 2 * * *"\n      scan: all\n    - cron: "0 3 * * *"\n      scan: all\n      timezone: Mars/Olympus\n',
        /server\.schedules\[1\]: "0 3 \* \* \*" in Mars\/Olympus is not a valid schedule/,
      ],
    ] as const) {
      const { ws, store } = await workspaceWithSources('sqlite', `server:\n  schedules:\n${yaml}`);
      try {
        await expect(buildServer({ store, ws })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message });
      } finally {
        await store.close();
      }
    }
  });
});
