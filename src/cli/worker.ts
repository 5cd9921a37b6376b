// `cto worker`: run scan jobs from the PostgreSQL queue until SIGTERM or SIGINT, then finish the jobs
// in hand, take no new one and exit 0.
import { Command } from 'commander';
import { openQueue, requirePostgres } from '../queue/queue.ts';
import { startWorker } from '../queue/worker.ts';
import { loadWorkspace, storeTarget } from '../workspace.ts';
import { globalOptions, parseIntOption, withWritableStore } from './context.ts';
import { printError } from './output.ts';
import { scanSettings } from './scan.ts';

export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'run the scan jobs queued by `cto scan --queue` (PostgreSQL store); SIGTERM finishes the jobs in hand and exits',
    )
    .option(
      '--jobs <n>',
      'repositories scanned at once by this worker, 1 to 64 (default 2)',
      parseIntOption('--jobs', 1, 64),
    )
    .action(async (flags: { jobs?: number }, cmd: Command) => {
      // Listened for first: a signal while starting still drains instead of killing the process.
      const stopped = new Promise<string>((res) => {
        process.once('SIGTERM', () => res('SIGTERM')).once('SIGINT', () => res('SIGINT'));
      });
      const opts = globalOptions(cmd);
      requirePostgres(storeTarget(loadWorkspace(opts.workspace), opts.db), 'cto worker');
      process.exitCode = await withWritableStore(opts, async (store, ws) => {
        const target = storeTarget(ws, opts.db);
        const boss = await openQueue(target, { supervise: true, name: 'cto worker' });
        try {
          const stop = await startWorker(boss, store, {
            jobs: flags.jobs ?? ws.config.scan?.jobs ?? 2,
            settings: await scanSettings({}, ws),
            onDone: (o, verdict) =>
              printError(
                `${verdict.padEnd(10)} ${o.name}: ${o.error ? `${o.error.message} [${o.error.code}]` : o.status}`,
              ),
          });
          printError(`cto worker: waiting for jobs on ${store.location} (pid ${process.pid})`);
          const signal = await stopped;
          printError(`cto worker: ${signal}: finishing the jobs in hand, taking no new one`);
          await stop();
        } finally {
          await boss.stop({ graceful: true, close: true });
        }
        return 0;
      });
    });
}
