// Every store test runs on both engines. PostgreSQL tests each get a schema of their own.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { readerRoleName } from '../../src/store/engines/postgres/reader.ts';
import type { Engine } from '../../src/store/migrations/index.ts';
import { openStore } from '../../src/store/store.ts';
import { tempDir } from './repo-builder.ts';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export const PG_URL = process.env.CTO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const schemas: string[] = [];

/** A fresh, empty store target for the engine: an SQLite file path or a PostgreSQL URL with its own schema. */
export function freshStoreTarget(engine: Engine): string {
  if (engine === 'sqlite') return join(tempDir('cto-store-'), 'cto.db');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Drop the PostgreSQL schemas made by this test file, and the `cto sql` roles of their stores. */
export async function dropTestSchemas(): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const database = decodeURIComponent(new URL(PG_URL).pathname.slice(1));
    for (const s of schemas.splice(0)) {
      await client.query(`drop schema if exists ${s} cascade`);
      await client.query(`drop schema if exists ${s}_queue cascade`); // the scan queue's (docs/queue.md)
      await client.query(`drop role if exists ${readerRoleName(database, s)}`);
    }
  } finally {
    await client.end();
  }
}

/** A workspace holding an empty store (`.cto/cto.db`), as a scan of nothing would leave it. */
export async function workspaceWithEmptyStore(): Promise<string> {
  const ws = tempDir();
  await (await openStore(join(ws, '.cto', 'cto.db'))).close();
  return ws;
}
