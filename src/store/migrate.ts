// Migrations: run them (commands that write), or find out whether a store needs them (commands
// that read, which never create or change a store they cannot write).
import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { CtoError } from '../errors.ts';
import { grantSqlReader } from './engines/postgres/reader.ts';
import { type Engine, migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

interface MigratedStore {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  readonly schema: string | null;
  readonly location: string;
}

function migrator(store: MigratedStore): Migrator {
  // On PostgreSQL the migration tables live in the store's own schema, never found in another one.
  const migrationTableSchema = store.engine === 'postgres' ? (store.schema ?? 'public') : undefined;
  return new Migrator({
    db: store.db,
    provider: migrationProvider(store.engine),
    migrationTableSchema,
    // Migrations are numbered as features are planned and may land out of order: a store that ran a
    // later number first still takes an earlier one when it arrives (each touches its own tables).
    allowUnorderedMigrations: true,
  });
}

/** Run the pending migrations; nothing at all (not even Kysely's look at the tables) when none are. */
export async function migrate(store: MigratedStore): Promise<void> {
  const status = await migrationStatus(store);
  if (status.unknown.length > 0) throw tooNew(store, status.unknown);
  if (status.initialised && status.pending.length === 0) return;
  const m = migrator(store);
  // Migrations run in a transaction, so a failed attempt leaves nothing behind, and are tried again:
  // SQLite has no lock across processes for them (two `cto` opening a new store at once both start;
  // the loser, run again, finds them done), and on PostgreSQL Kysely first looks at every table of
  // the database, which fails when another schema's tables are dropped at that moment.
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await m.migrateToLatest();
    if (!error) {
      // Tables of new migrations are readable by `cto sql`, whoever created them.
      if (store.engine === 'postgres' && results && results.length > 0) await grantSqlReader(store.db);
      return;
    }
    if (attempt >= 5) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

/** The refusal of a store written by a newer cto. */
export function tooNew(store: { readonly location: string }, unknown: readonly string[]): CtoError {
  return new CtoError(
    'STORE_TOO_NEW',
    `the store ${store.location} was written by a newer cto (it has migration ${unknown[0]}): update cto`,
  );
}

interface MigrationStatus {
  /** The store has been created (its migration table exists). */
  initialised: boolean;
  /** Migrations this cto knows that the store has not run. */
  pending: string[];
  /** Migrations the store has run that this cto does not know: a newer cto wrote it. */
  unknown: string[];
}

export async function migrationStatus(store: MigratedStore): Promise<MigrationStatus> {
  const db = store.db;
  const exists =
    store.engine === 'sqlite'
      ? sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`
      : sql<{ n: number }>`select count(*)::int as n from pg_tables
          where schemaname = ${store.schema ?? 'public'} and tablename = 'kysely_migration'`;
  const found = await exists.execute(db);
  if (Number(found.rows[0]?.n ?? 0) === 0) return { initialised: false, pending: [], unknown: [] };
  // Names only: Kysely's own status reads every table of a PostgreSQL database, which fails while
  // another schema is being dropped.
  const known = Object.keys(await migrationProvider(store.engine).getMigrations());
  const table = store.schema ? sql.id(store.schema, 'kysely_migration') : sql.id('kysely_migration');
  const ran = new Set(
    (await sql<{ name: string }>`select name from ${table}`.execute(db)).rows.map((r) => r.name),
  );
  const knownNames = new Set(known);
  return {
    initialised: true,
    pending: known.filter((n) => !ran.has(n)),
    unknown: [...ran].filter((n) => !knownNames.has(n)),
  };
}
