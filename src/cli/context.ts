// What every command needs: the workspace, the store, and how to report errors.
import type { Command } from 'commander';
import { CtoError, isCtoError } from '../errors.ts';
import { openStore, type Store } from '../store/store.ts';
import { loadWorkspace, storeTarget, type Workspace } from '../workspace.ts';

export interface GlobalOptions {
  workspace: string;
  db?: string;
  debug?: boolean;
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** Open the workspace and its store, run `fn`, always close the store. */
export async function withStore<T>(
  opts: GlobalOptions,
  fn: (store: Store, ws: Workspace) => Promise<T>,
): Promise<T> {
  const ws = loadWorkspace(opts.workspace);
  const store = await openStore(storeTarget(ws, opts.db));
  try {
    return await fn(store, ws);
  } finally {
    await store.close();
  }
}

/** Print an error in one line (plus the stack with --debug); returns the exit code. */
export function reportError(e: unknown, debug: boolean): number {
  if (isCtoError(e)) {
    process.stderr.write(`cto: ${e.message} [${e.code}]\n`);
    if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
  const err = e as Error;
  process.stderr.write(
    `cto: unexpected error: ${err?.message ?? String(e)}${debug ? '' : ' (run with --debug for details)'}\n`,
  );
  if (debug && err?.stack) process.stderr.write(`${err.stack}\n`);
  return 2;
}

export function parseIntOption(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new CtoError('USAGE', `${name} takes a whole number of 1 or more, not "${value}"`);
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
