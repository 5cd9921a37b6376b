// `cto sql "<select>"`: read-only SQL over the store.
import { Command } from 'commander';
import { globalOptions, withStore } from './context.ts';
import { jsonDocument, renderTable } from './output.ts';

export function sqlCommand(): Command {
  return new Command('sql')
    .description('run one read-only SQL query over the store (tables and current_* views: see docs/store.md)')
    .argument('<query>', 'one SELECT (or WITH ... SELECT) statement')
    .option('--json', 'print a JSON document (schema cto.sql/v1)')
    .action(async (query: string, flags: { json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const r = await store.readOnlyQuery(query);
        if (flags.json) {
          const rows = r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));
          process.stdout.write(jsonDocument('cto.sql/v1', { columns: r.columns, rows }));
          return;
        }
        process.stdout.write(`${renderTable(r.columns, r.rows as Array<Array<string | number | null>>)}\n`);
        process.stderr.write(`(${r.rows.length} row${r.rows.length === 1 ? '' : 's'})\n`);
      });
    });
}
