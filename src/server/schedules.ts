// Scheduled scans of `cto serve` (docs/server.md#schedules): cron lines in cto.yaml's `server.schedules`,
// checked when the server starts, run by croner. One run of a schedule at a time; runs missed while the
// server was down are not replayed.
import { Cron } from 'croner';
import { CtoError, isCtoError } from '../errors.ts';
import type { WorkspaceConfig } from '../workspace.ts';
import type { Schedule } from './config.ts';
import type { ScanService } from './scans.ts';

interface LastRun {
  at: string;
  /** The scan it started, or null when it could not start. */
  scan: number | null;
  error: { code: string; message: string } | null;
}

export interface ScheduleView {
  cron: string;
  timezone: string;
  scan: 'all' | string[];
  nextRunAt: string | null;
  lastRun: LastRun | null;
}

export interface Schedules {
  list(): ScheduleView[];
  stop(): void;
}

/** Each schedule's cron expression and time zone checked: CONFIG_INVALID naming the one at fault. */
export function checkSchedules(config: WorkspaceConfig): Schedule[] {
  const schedules = config.server?.schedules ?? [];
  schedules.forEach((s, i) => {
    try {
      const job = new Cron(s.cron, { paused: true, timezone: s.timezone ?? 'UTC' });
      job.nextRun(); // a bad time zone shows only here
      job.stop();
    } catch (e) {
      throw new CtoError(
        'CONFIG_INVALID',
        `cto.yaml server.schedules[${i}]: "${s.cron}"${s.timezone ? ` in ${s.timezone}` : ''} is not a valid schedule: ${(e as Error).message} (five fields, minute hour day month weekday, e.g. "0 2 * * *"; or six with seconds first)`,
      );
    }
  });
  return schedules;
}

/** Start every schedule; each run asks the scan service for a scan, as a user would. */
export function startSchedules(
  schedules: Schedule[],
  scans: ScanService,
  onError: (message: string) => void,
): Schedules {
  const runs = schedules.map((s) => {
    let lastRun: LastRun | null = null;
    const job = new Cron(s.cron, { timezone: s.timezone ?? 'UTC', protect: true, unref: true }, async () => {
      const at = new Date().toISOString();
      try {
        const scan = await scans.start({
          actor: `schedule:${s.cron}`,
          source: 'schedule',
          trigger: 'schedule',
          repositories: s.scan === 'all' ? null : s.scan,
        });
        lastRun = { at, scan: scan.id, error: null };
      } catch (e) {
        const error = isCtoError(e)
          ? { code: e.code as string, message: e.message }
          : { code: 'DB_QUERY', message: (e as Error).message };
        lastRun = { at, scan: null, error };
        onError(`cto serve: the scheduled scan "${s.cron}" did not start: ${error.message} [${error.code}]`);
      }
    });
    return { s, job, last: () => lastRun };
  });
  return {
    list: () =>
      runs.map(({ s, job, last }) => ({
        cron: s.cron,
        timezone: s.timezone ?? 'UTC',
        scan: s.scan,
        nextRunAt: job.nextRun()?.toISOString() ?? null,
        lastRun: last(),
      })),
    stop: () => {
      for (const r of runs) r.job.stop();
    },
  };
}
