// Migration 0014 records, for snapshots written before plugins were recorded, each analysis that
// stored results, with the report area it had then and version 0 (unknown).
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { fakeAnalysis } from '../../../test/helpers/analysis.ts';
import { ADA, buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import { openStore } from '../store.ts';
import { snapshotPlugins } from './0014-snapshot-plugins.ts';
import type { Engine } from './index.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('migration 0014 on %s', (engine: Engine) => {
  test('analyses that stored results before are recorded with their area and version 0', async () => {
    const dir = buildRepo(tempDir(), [{ author: ADA, files: { a: '1\n' } }]);
    const store = await openStore(freshStoreTarget(engine));
    const metric = { metric: 'truck-factor', scope: 'repository' as const, subject: '', value: 1 };
    const finding = { rule: 'x', severity: 'low' as const, subject: '', title: 'x' };
    const analyses = [
      fakeAnalysis('knowledge', async () => ({ metrics: [metric], findings: [finding] }), {
        area: 'team-knowledge',
      }),
      fakeAnalysis('elsewhere', async () => ({ metrics: [], findings: [finding] }), { area: 'delivery' }),
      fakeAnalysis('silent', async () => ({ metrics: [], findings: [] }), { area: 'delivery' }),
    ];
    await runScan(store, {
      paths: [dir],
      depth: 1,
      jobs: 1,
      maxFileSize: 1 << 20,
      plugins: givenPlugins({ analyses }),
      workspace: { dir: '.', config: {} },
    });
    // As an older version left the store; then 0014 runs on it.
    await sql`drop view current_snapshot_plugins`.execute(store.db);
    await sql`drop table snapshot_plugins`.execute(store.db);
    await snapshotPlugins.up(store.db);
    try {
      const rows = await store.db
        .selectFrom('snapshot_plugins')
        .select(['kind', 'plugin', 'version', 'area', 'inputs'])
        .orderBy('plugin')
        .execute();
      expect(rows.map((r) => ({ ...r, version: Number(r.version) }))).toEqual([
        { kind: 'analysis', plugin: 'elsewhere', version: 0, area: 'technology-strategy', inputs: null },
        { kind: 'analysis', plugin: 'knowledge', version: 0, area: 'team-knowledge', inputs: null },
      ]);
    } finally {
      await store.close();
    }
  });
});
