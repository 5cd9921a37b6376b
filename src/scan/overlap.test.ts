// Stages that run at once store exactly what they store one after the other: every table of a store
// after a scan with overlap equals the same table after a scan in the old order (in row order on
// SQLite), with every real collector and analysis. With overlap, history reads its facts from the
// ownership replay's log (git/shared-log.ts), oldest commit first; one after the other it reads its
// own log, newest first: the same rows of commits and file changes, written in another order.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakeAnalysis } from '../../test/helpers/analysis.ts';
import {
  ADA,
  BOB,
  buildRepo,
  type CommitSpec,
  CY,
  cleanupTemp,
  tempDir,
} from '../../test/helpers/repo-builder.ts';
import { dropTestSchemas, ENGINES, freshStoreTarget } from '../../test/helpers/stores.ts';
import { ANALYSES } from '../analyses/registry.ts';
import { COLLECTORS } from '../collectors/registry.ts';
import { openStore, type Store } from '../store/store.ts';
import { historiesFromSharedLog } from './history.ts';
import { givenPlugins } from './plugins.ts';
import { runScan } from './run.ts';

afterAll(async () => {
  await dropTestSchemas();
  cleanupTemp();
});

/** Columns that say when the scan ran, not what it found. */
const WHEN = new Set([
  'started_at',
  'finished_at',
  'created_at',
  'updated_at',
  'acquired_at',
  'first_seen_at',
  'last_seen_at',
  'at',
  'timestamp',
]);

async function tables(store: Store): Promise<string[]> {
  const rows =
    store.engine === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
          store.db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() order by 1`.execute(
          store.db,
        );
  return rows.rows.map((r) => r.name);
}

/** Tables whose rows are written in the order of the log history reads. */
const HISTORY_TABLES = new Set(['commits', 'file_changes']);

/** Every row of every table, as text; SQLite in insertion order, PostgreSQL sorted (it has no such order). */
async function dump(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await tables(store)) {
    const order = store.engine === 'sqlite' ? sql`order by rowid` : sql``;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} ${order}`.execute(
      store.db,
    );
    const lines = rows.rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !WHEN.has(k))));
    out[table] = store.engine === 'sqlite' && !HISTORY_TABLES.has(table) ? lines : lines.sort();
  }
  return out;
}

describe.each(ENGINES)('a scan with overlapping stages (%s)', (engine) => {
  let dir = '';
  beforeAll(() => {
    const first: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'shop', dependencies: { pg: '^8.0.0', express: '4.18.0' } }),
      Dockerfile: 'FROM node:20\nRUN npm ci\n',
      '.github/CODEOWNERS': '* @shop/core\nsrc/a/ @ada\n',
      '.mailmap': 'Ada Lovelace <ada@example.com> <ada@old.example.com>\n',
      LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge\n',
    };
    for (let i = 0; i < 130; i++) first[`src/${i % 3 ? 'a' : 'b'}/f${i}.ts`] = `export const x${i} = ${i};\n`;
    const commits: CommitSpec[] = [{ author: ADA, files: first }];
    for (let i = 0; i < 24; i++) {
      const who = [ADA, BOB, CY][i % 3];
      commits.push({
        author: who,
        files: {
          [`src/a/f${(i * 7) % 130}.ts`]: `export const y = ${i};\n// ${who?.name}\n`,
          'README.md': `v${i}\n`,
        },
        ...(i === 5 ? { renames: [['src/b/f3.ts', 'src/c/f3.ts']] as Array<[string, string]> } : {}),
      });
    }
    dir = buildRepo(tempDir(), commits, { tags: [{ name: 'v1.0.0', at: 12, message: 'first release' }] });
  });

  test('stores the same rows, in the same order, as the stages one after the other', async () => {
    const scan = async (overlap: boolean) => {
      const store = await openStore(freshStoreTarget(engine));
      const events: string[] = [];
      // Reads nothing stored: with overlap it starts with the history stage, not after it.
      const probe = fakeAnalysis(
        'probe',
        async () => {
          events.push('probe');
          return { metrics: [], findings: [] };
        },
        { needs: [] },
      );
      const r = await runScan(store, {
        paths: [dir],
        depth: 1,
        jobs: 1,
        maxFileSize: 1 << 20,
        plugins: givenPlugins({ collectors: COLLECTORS, analyses: [...ANALYSES, probe] }),
        workspace: { dir: tempDir(), config: {}, today: '2024-06-30' },
        overlap,
        onStage: (_repo, e) => {
          if (e.stage === 'done') events.push(e.name);
        },
      });
      expect(r.repositories.map((x) => [x.status, x.error])).toEqual([['ok', null]]);
      const rows = await dump(store);
      await store.close();
      return { rows, events };
    };
    const before = historiesFromSharedLog();
    const inOrder = await scan(false);
    expect(historiesFromSharedLog()).toBe(before);
    const overlapped = await scan(true);
    expect(historiesFromSharedLog()).toBe(before + 1); // read from the replay's log, and still the same rows
    expect(Object.keys(overlapped.rows)).toEqual(Object.keys(inOrder.rows));
    for (const [table, rows] of Object.entries(inOrder.rows))
      expect(overlapped.rows[table], table).toEqual(rows);
    // Something of each was stored: the comparison is not of empty tables.
    for (const table of [
      'commits',
      'file_changes',
      'files',
      'dependencies',
      'metrics',
      'ownership',
      'code_files',
    ])
      expect(inOrder.rows[table]?.length, table).toBeGreaterThan(0);
    // In the old order every stage ends before the next starts; with overlap, the analysis that needs
    // nothing stored runs before history has ended.
    expect(inOrder.events.slice(0, 3)).toEqual(['history', 'tree', 'collectors']);
    expect(inOrder.events.slice(3)).toEqual([
      ...ANALYSES.map((a) => `analysis:${a.id}`),
      'probe',
      'analysis:probe',
    ]);
    expect(overlapped.events.indexOf('probe')).toBeLessThan(overlapped.events.indexOf('history'));
  });
});
