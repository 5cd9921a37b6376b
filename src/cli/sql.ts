// `cto sql "<select>"`: read-only SQL over the store, under a read-only role or authorizer, with a
// timeout; Ctrl-C cancels the query on the database too.
import { Command } from 'commander';
import { CtoError } from '../errors.ts';
import { DEFAULT_SQL_TIMEOUT_MS } from '../store/store.ts';
import { globalOptions, withStore } from './context.ts';
import { type Cell, printError, printJson, printTable } from './output.ts';

/** The longest `--timeout` accepted: one day. */
const MAX_TIMEOUT_S = 86_400;

/** `--timeout` in seconds (fractions allowed) -> milliseconds. */
function parseTimeout(value: string): number {
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_S))
    throw new CtoError(
      'USAGE',
      `--timeout takes a number of seconds above 0 and up to ${MAX_TIMEOUT_S}, not "${value}"`,
    );
  return Math.ceil(seconds * 1000);
}

export function sqlCommand(): Command {
  return new Command('sql')
    .description('run one read-only SQL query over the store (tables and current_* views: see docs/store.md)')
    .argument('<query>', 'one SELECT (or WITH ... SELECT) statement')
    .option(
      '--timeout <seconds>',
      `stop the query after this many seconds (default ${DEFAULT_SQL_TIMEOUT_MS / 1000})`,
      parseTimeout,
    )
    .option('--json', 'print a JSON document (schema cto.sql/v1)')
    .action(async (query: string, flags: { json?: boolean; timeout?: number }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        // Ctrl-C or a polite kill stops the query on the database, not only this process.
        const abort = new AbortController();
        const onSignal = () => abort.abort();
        process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
        let r: Awaited<ReturnType<typeof store.readOnlyQuery>>;
        try {
          r = await store.readOnlyQuery(query, {
            timeoutMs: flags.timeout ?? DEFAULT_SQL_TIMEOUT_MS,
            signal: abort.signal,
          });
        } finally {
          process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
        }
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
