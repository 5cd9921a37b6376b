// 0020: cloud and SaaS spend from FinOps FOCUS exports (docs/costs.md): the imported files and their
// charges summed per month and allocation dimension. Amounts are exact decimal text.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { type Engine, withId } from './engine.ts';

export function costs(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('cost_imports'), engine)
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('periods', 'text', (c) => c.notNull())
        .addColumn('totals', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('cost_lines')
        .addColumn('import_id', 'integer', (c) => c.notNull())
        .addColumn('billing_account_id', 'text', (c) => c.notNull())
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('period_end', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('service_category', 'text', (c) => c.notNull())
        .addColumn('charge_category', 'text', (c) => c.notNull())
        .addColumn('sub_account_id', 'text')
        .addColumn('sub_account_name', 'text')
        .addColumn('resource_id', 'text')
        .addColumn('tags', 'text')
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('billed', 'text', (c) => c.notNull())
        .addColumn('effective', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('cost_lines_period')
        .on('cost_lines')
        .columns(['billing_account_id', 'period_start'])
        .execute();
      await db.schema.createIndex('cost_lines_month').on('cost_lines').columns(['month']).execute();
      await db.schema.createIndex('cost_lines_import').on('cost_lines').columns(['import_id']).execute();
    },
  };
}
