// While a scan runs, a bad office file (teams.yaml, people.yaml, risks.yaml) does not stop it: the
// problem is reported once, with its file and line, and the scan goes on as if the file were absent.
// Every other command still stops on it, naming the same file and line.
import { AsyncLocalStorage } from 'node:async_hooks';
import { isCtoError } from '../errors.ts';

interface Lenient {
  report(message: string): void;
  seen: Set<string>;
}

const scope = new AsyncLocalStorage<Lenient>();

/** Run `fn` (a scan) so that office files that do not read are reported through `report` and skipped. */
export function withLenientOffice<T>(report: (message: string) => void, fn: () => Promise<T>): Promise<T> {
  return scope.run({ report, seen: new Set() }, fn);
}

/** Load an office file: inside a scan, a file that does not read gives `fallback` once it is reported. */
export function officeFile<T>(load: () => T, fallback: () => T): T {
  const lenient = scope.getStore();
  if (!lenient) return load();
  try {
    return load();
  } catch (e) {
    if (!isCtoError(e) || e.code !== 'CONFIG_INVALID') throw e;
    if (!lenient.seen.has(e.message)) {
      lenient.seen.add(e.message);
      lenient.report(e.message);
    }
    return fallback();
  }
}
