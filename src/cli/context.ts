// What every command needs: the workspace, the store, and how to report errors.
import { type Command, Option } from 'commander';
import { EXPOSURES, type Exposure } from '../collectors/types.ts';
import { CtoError, isCtoError } from '../errors.ts';
import { explainStoreError, openStore, type Store, type StoreMode } from '../store/store.ts';
import { loadWorkspace, parseSize, storeTarget, type Workspace } from '../workspace.ts';
import { printError } from './output.ts';

interface GlobalOptions {
  workspace: string;
  db?: string;
  debug?: boolean;
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/**
 * Open the workspace and its existing store for reading, run `fn`, always close the store. A
 * workspace without a store is an error (NO_STORE): reading never creates one.
 */
export function withStore<T>(
  opts: GlobalOptions,
  fn: (store: Store, ws: Workspace) => Promise<T>,
): Promise<T> {
  return runWithStore(opts, 'read', fn);
}

/** The same for the commands that write the store (scan, feed import, feed update): created when missing. */
export function withWritableStore<T>(
  opts: GlobalOptions,
  fn: (store: Store, ws: Workspace) => Promise<T>,
): Promise<T> {
  return runWithStore(opts, 'write', fn);
}

/**
 * Open an existing store for a command that reads it and brings up to date what it derives (the risk
 * register): NO_STORE when there is none, as for reading; never creates one.
 */
export async function withExistingStoreToUpdate<T>(
  opts: GlobalOptions,
  fn: (store: Store, ws: Workspace) => Promise<T>,
): Promise<T> {
  const ws = loadWorkspace(opts.workspace);
  await (await openStore(storeTarget(ws, opts.db), { mode: 'read' })).close();
  return runWithStore(opts, 'write', fn);
}

async function runWithStore<T>(
  opts: GlobalOptions,
  mode: StoreMode,
  fn: (store: Store, ws: Workspace) => Promise<T>,
): Promise<T> {
  const ws = loadWorkspace(opts.workspace);
  const store = await openStore(storeTarget(ws, opts.db), { mode });
  try {
    return await fn(store, ws);
  } catch (e) {
    throw explainStoreError(store, e);
  } finally {
    await store.close();
  }
}

/** Print an error in one line (plus the stack with --debug); returns the exit code. */
export function reportError(e: unknown, debug: boolean): number {
  if (isCtoError(e)) {
    printError(`cto: ${e.message} [${e.code}]`);
    if (debug && e.stack) printError(e.stack);
    return 2;
  }
  const err = e as Error;
  printError(
    `cto: unexpected error: ${err?.message ?? String(e)}${debug ? '' : ' (run with --debug for details)'}`,
  );
  if (debug && err?.stack) printError(err.stack);
  return 2;
}

// Option values are checked while the command line is read, before anything is opened: a bad value is
// one line naming the option and what it takes, exit 2.

const usage = (name: string, takes: string, value: string) =>
  new CtoError('USAGE', `${name} takes ${takes}, not "${value}"`);

/** A whole number from `min` (default 1) to `max`. */
export function parseIntOption(name: string, min = 1, max = Number.MAX_SAFE_INTEGER) {
  const takes =
    max === Number.MAX_SAFE_INTEGER
      ? `a whole number of ${min} or more`
      : `a whole number from ${min} to ${max}`;
  return (value: string): number => {
    const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw usage(name, takes, value);
    return n;
  };
}

/** A duration in seconds: 0 or more, fractions allowed. */
export function parseSecondsOption(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new CtoError('USAGE', `${name} takes a number of seconds (0 or more), not "${value}"`);
    return n;
  };
}

/** A number (fractions allowed) from `min` to `max`. */
export function parseNumberOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= min && n <= max)) throw usage(name, `a number from ${min} to ${max}`, value);
    return n;
  };
}

/** A calendar date, YYYY-MM-DD (one that exists: not 2024-02-30). */
export function parseDayOption(name: string) {
  return (value: string): string => {
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
    if (!ok || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
      throw usage(name, 'a date as YYYY-MM-DD', value);
    return value;
  };
}

/** A calendar month, YYYY-MM. */
export function parseMonthOption(name: string) {
  return (value: string): string => {
    const m = /^(\d{4})-(\d{2})$/.exec(value);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw usage(name, 'a month as YYYY-MM', value);
    return value;
  };
}

/** A size: bytes, or with a unit (10MiB, 512k). */
export function parseSizeOption(name: string) {
  return (value: string): number => {
    try {
      return parseSize(value);
    } catch {
      throw usage(name, 'a size such as 10MiB, 512k or 2000000', value);
    }
  };
}

const listOf = (values: readonly string[]) =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

/** One of `values`, in any letter case; the value as `values` spells it. */
function parseChoice(name: string, values: readonly string[]) {
  return (value: string): string => {
    const found = values.find((v) => v.toLowerCase() === value.trim().toLowerCase());
    if (found === undefined) throw usage(name, listOf(values), value);
    return found;
  };
}

/** A comma-separated list of `values` (letter case as `values` spell them). */
export function parseChoiceList(name: string, values: readonly string[]) {
  const one = parseChoice(name, values);
  return (value: string): string[] => {
    const items = value.split(',').map((v) => v.trim());
    if (items.some((v) => v === '')) throw usage(name, `a comma-separated list of ${listOf(values)}`, value);
    try {
      return items.map(one);
    } catch {
      throw usage(name, `a comma-separated list of ${listOf(values)}`, value);
    }
  };
}

/** A lifetime: days (`90d`), hours (`12h`) or `never`, kept as written. */
export function parseLifetime(name: string) {
  return (value: string): string => {
    if (value !== 'never' && !/^[1-9]\d*[dh]$/.test(value))
      throw usage(name, 'days (90d), hours (12h) or never', value);
    return value;
  };
}

/** An option taking one of `values`: checked as it is read, listed in `--help`. */
export function choiceOption(flags: string, description: string, values: readonly string[]): Option {
  const option = new Option(flags, description).choices(values);
  return option.argParser(parseChoice(option.long ?? flags, values));
}

/** `--scope <list>`: only what has one of these exposures (docs/risk.md, "Exposure"); all by default. */
export function scopeOption(what: string): Option {
  return new Option(
    '--scope <list>',
    `only ${what} with one of these exposures, comma-separated: ${EXPOSURES.join(', ')} (default: all)`,
  ).argParser(parseChoiceList('--scope', EXPOSURES) as (value: string) => Exposure[]);
}
