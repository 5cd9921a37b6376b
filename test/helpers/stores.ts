// Every store test runs on both engines. PostgreSQL tests each get a schema of their own.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { Engine } from '../../src/store/migrations/index.ts';
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

/** Drop the PostgreSQL schemas made by this test file. */
export async function dropTestSchemas(): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const s of schemas.splice(0)) await client.query(`drop schema if exists ${s} cascade`);
  } finally {
    await client.end();
  }
}
