// The reference date on the command line: `--today`, the day every window counts back from, and the
// first lines that name the snapshots too old at that date to trust (docs/risk.md, "Reference date").
import { Option } from 'commander';
import { referenceDay, snapshotAge, staleAfterDays } from '../reference-date.ts';
import { listRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import { parseDayOption } from './context.ts';
import { printError, printLine } from './output.ts';

/** `--today <date>`: the reference date (YYYY-MM-DD, UTC); default today. */
export function todayOption(
  what = 'every window (last 90 and 365 days, active, departed) counts back from',
): Option {
  return new Option(
    '--today <date>',
    `the reference date ${what}, YYYY-MM-DD (default: today, UTC)`,
  ).argParser(parseDayOption('--today'));
}

/** The reference day of a command: `--today`, else today in UTC. */
export function dayOf(flags: { today?: string }): string {
  return referenceDay(flags.today);
}

/** "flask: snapshot 120 days old — rescan" for each stale current snapshot (one repository when named). */
async function staleLines(
  store: Store,
  config: Record<string, unknown>,
  day: string,
  repository?: string,
): Promise<string[]> {
  const limit = staleAfterDays(config);
  const repos = await listRepositories(store);
  return repos
    .filter((r) => repository === undefined || r.name === repository)
    .flatMap((r) => {
      const age = snapshotAge(r.scannedAt, day, limit);
      return age?.stale ? [`${r.name}: snapshot ${age.days} days old — rescan`] : [];
    });
}

/** Print the stale lines first: on stdout for tables, on stderr when stdout carries JSON. */
export async function warnStale(
  store: Store,
  config: Record<string, unknown>,
  day: string,
  options: { repository?: string; json?: boolean },
): Promise<void> {
  const say = options.json ? printError : printLine;
  for (const line of await staleLines(store, config, day, options.repository)) say(line);
}
