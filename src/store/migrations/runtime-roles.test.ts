// Migration 0016 gives the runtimes of an older store their role from the source they were read
// from, and the current_runtimes view shows it.
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../../test/helpers/stores.ts';
import { COLLECTORS } from '../../collectors/registry.ts';
import { givenPlugins } from '../../scan/plugins.ts';
import { runScan } from '../../scan/run.ts';
import { openStore } from '../store.ts';
import { runtimeRoles } from './0016-runtime-roles.ts';
import type { Engine } from './index.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

describe.each(ENGINES)('migration 0016 on %s', (engine: Engine) => {
  test('floors and pins of rows written before roles existed', async () => {
    const dir = buildRepo(tempDir(), [
      {
        files: {
          'package.json': JSON.stringify({ name: 'a', engines: { node: '>=18' } }),
          '.nvmrc': '20\n',
          'go.mod': 'module example.com/a\n\ngo 1.22\n\ntoolchain go1.23.4\n',
          'pom.xml':
            '<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version><properties><maven.compiler.release>17</maven.compiler.release></properties></project>',
        },
      },
    ]);
    const store = await openStore(freshStoreTarget(engine));
    try {
      await runScan(store, {
        paths: [dir],
        depth: 1,
        jobs: 1,
        maxFileSize: 1 << 20,
        plugins: givenPlugins({ collectors: COLLECTORS, analyses: [] }),
        workspace: { dir: '.', config: {} },
      });
      // As an older version left the store; then 0016 runs on it.
      await sql`drop view current_runtimes`.execute(store.db);
      await sql`alter table runtimes drop column role`.execute(store.db);
      await sql`create view current_runtimes as select r.name as repository, x.* from repositories r join runtimes x on x.snapshot_id = r.current_snapshot_id`.execute(
        store.db,
      );
      await runtimeRoles(engine).up(store.db);
      const rows = await sql<{
        source: string;
        role: string;
      }>`select source, role from current_runtimes order by source`.execute(store.db);
      expect(rows.rows).toEqual([
        { source: '.nvmrc', role: 'pin' },
        { source: 'engines.node', role: 'floor' },
        { source: 'go directive', role: 'floor' },
        { source: 'properties.maven.compiler.release', role: 'floor' },
        { source: 'toolchain directive', role: 'pin' },
      ]);
    } finally {
      await store.close();
    }
  });
});
