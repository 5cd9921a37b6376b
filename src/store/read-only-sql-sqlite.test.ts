// `cto sql` on SQLite never changes the file: pragmas that write, ATTACH, VACUUM INTO and extension
// loading are refused with a code, and the database file and its WAL stay byte for byte the same.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { codeOf } from '../../test/helpers/sql.ts';
import { freshStoreTarget } from '../../test/helpers/stores.ts';
import { openStore } from './store.ts';

afterAll(cleanupTemp);

function fingerprint(path: string): string {
  const h = createHash('sha256');
  for (const f of [path, `${path}-wal`]) h.update(existsSync(f) ? readFileSync(f) : 'absent');
  return h.digest('hex');
}

test('statements that would change the SQLite file are refused, and the file stays the same', async () => {
  const path = freshStoreTarget('sqlite');
  const store = await openStore(path);
  // Leave rows in the WAL, so that a checkpoint would change both files.
  await store.db
    .insertInto('repositories')
    .values({ key: '/k', name: 'demo', path: '/p', current_snapshot_id: null, created_at: 'now' })
    .execute();
  const before = fingerprint(path);
  const elsewhere = join(tempDir(), 'copy.db');
  const refused: Array<[string, string]> = [
    ['pragma wal_checkpoint(truncate)', 'SQL_NOT_ALLOWED'],
    ['pragma wal_checkpoint', 'SQL_NOT_ALLOWED'],
    ['pragma journal_mode = delete', 'SQL_NOT_ALLOWED'],
    ['pragma writable_schema = on', 'SQL_NOT_ALLOWED'],
    ['pragma user_version = 7', 'SQL_NOT_ALLOWED'],
    ['pragma page_size = 512', 'SQL_NOT_ALLOWED'],
    ['pragma incremental_vacuum', 'SQL_NOT_ALLOWED'],
    ['pragma optimize', 'SQL_NOT_ALLOWED'],
    ['PRAGMA main.user_version=3', 'SQL_NOT_ALLOWED'],
    ['vacuum', 'DB_READ_ONLY'],
    [`vacuum into '${elsewhere}'`, 'DB_READ_ONLY'],
    [`/* hidden */ vacuum into '${elsewhere}'`, 'DB_READ_ONLY'],
    [`attach database '${elsewhere}' as other`, 'SQL_NOT_ALLOWED'],
    ["select load_extension('/tmp/nothing')", 'SQL_NOT_ALLOWED'],
    ['analyze', 'DB_READ_ONLY'],
    ['reindex', 'DB_READ_ONLY'],
    ['begin immediate', 'SQL_NOT_ALLOWED'],
    ['release a', 'SQL_NOT_ALLOWED'],
    ['explain query plan select 1; pragma user_version = 5', 'SQL_NOT_ALLOWED'],
    ['with x as (select 1) insert into repositories (key) select 1 from x', 'DB_READ_ONLY'],
  ];
  const got = [];
  for (const [text] of refused) got.push([text, await codeOf(store, text)]);
  expect(got).toEqual(refused);
  expect(existsSync(elsewhere)).toBe(false);
  // What only reports still answers.
  for (const text of [
    'pragma user_version',
    'pragma journal_mode',
    'pragma table_info(repositories)',
    'pragma integrity_check',
    "select name from pragma_table_info('files') order by cid limit 1",
    'explain query plan select * from current_files',
  ]) {
    expect([text, await codeOf(store, text)]).toEqual([text, 'ok']);
  }
  const version = await store.readOnlyQuery('pragma user_version');
  expect(version.rows).toEqual([[0]]);
  expect(fingerprint(path)).toBe(before);
  await store.close();
});
