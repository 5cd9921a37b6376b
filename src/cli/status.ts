// `cto status`: the scan queue (waiting, running, failed), the workers alive with their last heartbeat,
// and per repository the last successful scan, its age and the last error; stale repositories are findings.
// The document is built in src/queue/status.ts, shared with the server's GET /api/v1/status.
import { Command } from 'commander';
import { type queueStatus, statusDocument } from '../queue/status.ts';
import { globalOptions, withStore } from './context.ts';
import { formatNumber, pathColumn, printJson, printLine, printTable, styled, textColumn } from './output.ts';
import { dayOf, todayOption } from './reference.ts';

export function statusCommand(): Command {
  return new Command('status')
    .description(
      'the scan queue (waiting, running, failed) and its workers (PostgreSQL), and per repository the last successful scan, its age and the last error; repositories not scanned successfully within snapshots.staleAfterDays are findings',
    )
    .addOption(todayOption('ages count back from'))
    .option('--json', 'print a JSON document (schema cto.status/v1)')
    .action(async (flags: { json?: boolean; today?: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      await withStore(opts, async (store, ws) => {
        const doc = await statusDocument(store, ws, dayOf(flags));
        if (flags.json) {
          printJson('cto.status/v1', doc);
          return;
        }
        const { queue, repositories, findings, staleAfterDays: limit } = doc;
        printQueue(queue);
        printLine(
          `repositories: ${formatNumber(repositories.length)}, `,
          findings.length > 0
            ? styled('yellow', `${formatNumber(findings.length)} stale (no successful scan in ${limit} days)`)
            : `none stale (all scanned successfully in the last ${limit} days)`,
        );
        for (const f of findings) printLine(styled('yellow', 'stale'), `  ${f.repository}: ${f.message}`);
        if (repositories.length === 0) return;
        printTable(
          ['repository', 'last successful scan (UTC)', 'age', textColumn('last error'), pathColumn('path')],
          repositories.map((r) => [
            r.name,
            r.lastSuccessAt ? r.lastSuccessAt.slice(0, 16).replace('T', ' ') : 'never',
            r.ageDays === null ? '' : `${r.ageDays} d${r.stale ? ' stale' : ''}`,
            r.lastError ? r.lastError.message : '',
            r.path,
          ]),
        );
      });
    });
}

function printQueue(queue: Awaited<ReturnType<typeof queueStatus>>): void {
  if (!queue) {
    printLine('queue: none (jobs are queued by `cto scan --queue` on a PostgreSQL store)');
    return;
  }
  printLine(
    `queue: ${formatNumber(queue.waiting)} waiting, ${formatNumber(queue.running)} running, `,
    queue.failed > 0 ? styled('red', `${formatNumber(queue.failed)} failed`) : '0 failed',
    `; ${formatNumber(queue.workers.length)} workers alive`,
  );
  for (const w of queue.workers)
    printLine(
      `worker ${w.host} pid ${w.pid}: ${w.jobs} jobs in hand, last heartbeat ${w.heartbeatAt.slice(11, 19)} UTC`,
    );
  for (const d of queue.deadLetters.slice(0, 10))
    printLine(styled('red', 'dead letter'), ` ${d.path}: ${d.reason}${d.code ? ` [${d.code}]` : ''}`);
  if (queue.deadLetters.length > 10)
    printLine(`... and ${formatNumber(queue.deadLetters.length - 10)} more dead letters (--json lists them)`);
}
