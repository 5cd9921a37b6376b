// 0014: what made each snapshot: `id@version` of every collector and analysis the scan ran, with an
// analysis's report area and a hash of the office inputs it read. A rescan of the same commit compares
// them with the plugins it has now. Snapshots written before keep the areas their analyses had
// (version 0: unknown, so their next scan runs the analyses again).
import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { currentView } from './views.ts';

/** The report area of each analysis there was when this migration was written. */
const AREAS: Record<string, string> = {
  coupling: 'delivery',
  delivery: 'delivery',
  hotspots: 'delivery',
  knowledge: 'team-knowledge',
  ownership: 'team-knowledge',
  licences: 'infrastructure-security',
  languages: 'technology-strategy',
  technologies: 'technology-strategy',
};

export const snapshotPlugins: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('snapshot_plugins')
      .addColumn('snapshot_id', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('plugin', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('area', 'text')
      .addColumn('inputs', 'text')
      .addPrimaryKeyConstraint('snapshot_plugins_pk', ['snapshot_id', 'kind', 'plugin'])
      .execute();
    const area = sql.join(
      Object.entries(AREAS).map(([id, a]) => sql`when ${sql.lit(id)} then ${sql.lit(a)}`),
      sql` `,
    );
    await sql`insert into snapshot_plugins (snapshot_id, kind, plugin, version, area, inputs)
      select snapshot_id, 'analysis', analysis, 0, case analysis ${area} else 'technology-strategy' end, null
      from (select snapshot_id, analysis from metrics union select snapshot_id, analysis from findings) ran`.execute(
      db,
    );
    await currentView(db, 'snapshot_plugins');
  },
};
