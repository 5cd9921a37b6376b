// `cto sql "<select>"`: read-only SQL over the store.
import { Command } from 'commander';
import { globalOptions, withStore } from './context.ts';
import { type Cell, printError, printJson, printTable } from './output.ts';

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
          printJson('cto.sql/v1', { columns: r.columns, rows });
          return;
        }
        printTable(
          r.columns,
          r.rows.map((row) => row.map(toCell)),
        );
        printError(`(${r.rows.length} row${r.rows.length === 1 ? '' : 's'})`);
      });
    });
}

/** A value as the table shows it: numbers stay numbers (right-aligned), everything else its text. */
function toCell(v: unknown): Cell {
  return v === null || v === undefined || typeof v === 'number' ? v : String(v);
}
