// 0015: the exposure of every dependency, runtime and image (docs/risk.md, "Exposure"), beside the raw
// scope flag. Rows stored before get what the default rules give from their scope and path; what only a
// new collect knows (Dockerfile build stages, cto.yaml's `exposure:` rules) comes with the next scan,
// which collects every repository again (the collectors' records now name `config:exposure`).
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { decideExposure } from '../../collectors/exposure.ts';
import type { DependencyScope } from '../../collectors/types.ts';
import type { Engine } from './engine.ts';
import { replaceCurrentView } from './views.ts';

const TABLES = [
  { table: 'dependencies', path: 'manifest_path', scope: true },
  { table: 'runtimes', path: 'path', scope: false },
  { table: 'images', path: 'path', scope: false },
] as const;

export function exposure(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const { table, path, scope } of TABLES) {
        await db.schema
          .alterTable(table)
          .addColumn('exposure', 'text', (c) => c.notNull().defaultTo('runtime'))
          .execute();
        const pairs = await sql<{
          path: string;
          scope: string | null;
        }>`select distinct ${sql.ref(path)} as path, ${
          scope ? sql.ref('scope') : sql`null`
        } as scope from ${sql.table(table)}`.execute(db);
        for (const row of pairs.rows) {
          const value = decideExposure({
            path: row.path,
            scope: (row.scope ?? undefined) as DependencyScope | undefined,
          });
          if (value === 'runtime') continue;
          await sql`update ${sql.table(table)} set exposure = ${value} where ${sql.ref(path)} = ${row.path} ${
            scope ? sql`and scope = ${row.scope}` : sql``
          }`.execute(db);
        }
        await replaceCurrentView(db, table, engine);
      }
    },
  };
}
