// `cto audit`: the audit trail of accounts and the server (docs/server.md#audit), newest first.
import { Command } from 'commander';
import { auditRows } from '../store/accounts.ts';
import type { Store } from '../store/store.ts';
import { globalOptions, parseIntOption, withStore } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';

export function auditCommand(): Command {
  return new Command('audit')
    .description(
      'list the audit trail (user and token creation, role changes, failed authentications), newest first',
    )
    .option('--limit <n>', 'at most this many entries', parseIntOption('--limit'))
    .option('--json', 'print a JSON document (schema cto.audit/v1)')
    .action(async (flags: { json?: boolean; limit?: number }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store) => {
        const doc = await auditDocument(store, flags.limit);
        if (flags.json) {
          printJson('cto.audit/v1', doc);
          return;
        }
        const rows = doc.entries;
        if (rows.length === 0) {
          printLine('The audit trail is empty.');
          return;
        }
        printTable(
          ['at (UTC)', 'who', 'from', 'action', 'detail'],
          rows.map((r) => [
            r.at.slice(0, 19).replace('T', ' '),
            r.actor,
            r.source,
            r.action,
            JSON.stringify(r.detail),
          ]),
        );
      });
    });
}

/** `cto audit --json`'s body (schema cto.audit/v1): the entries, newest first. */
export async function auditDocument(store: Store, limit?: number) {
  const entries = (await auditRows(store, limit)).map((r) => ({
    at: r.at,
    actor: r.actor,
    source: r.source,
    action: r.action,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
  return { entries };
}
