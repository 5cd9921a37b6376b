// Temporary folders for git's output written to disk (the spooled parts of a long log, the shared
// log) and for the trees of blob pair diffs. Each folder is made 0700 in the system's temporary
// folder and holds an `owner` file naming the process that made it (its pid and, where the system
// tells, when that process started). The folder is removed by its maker when done, and when that
// process exits; a process killed by a signal runs no exit handler, so every scan starts with a
// sweep (as does the first folder any process makes) that removes the folders of processes no
// longer running. A `cto` killed mid-scan then leaves its files only until the next scan.
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processRunning, processStarted } from '../process-identity.ts';

/** The prefixes of the folders this module makes; the sweep looks at these only. */
export const TEMP_PREFIXES = ['cto-log-', 'cto-shared-', 'cto-pairs-'] as const;
export type TempPrefix = (typeof TEMP_PREFIXES)[number];

const OWNER_FILE = 'owner';
/** A folder without an owner file (made by an earlier version, or being made) is left for this long. */
const UNOWNED_GRACE_MS = 24 * 3600 * 1000;

interface Owner {
  /** The host of the process: a temporary folder shared between hosts holds others' folders. */
  host: string;
  pid: number;
  /** The process's start time as the system counts it, or null where it is not known. */
  start: string | null;
}

let swept = false;

/** Remove the stale folders once per process: at the start of a scan, or before its first folder. */
export function sweepTempFoldersOnce(): void {
  if (swept) return;
  swept = true;
  removeStaleFolders();
}

/** A new 0700 folder `<tmp>/<prefix>XXXXXX` with its owner file; the first call sweeps stale folders. */
export function makeTempFolder(prefix: TempPrefix): string {
  sweepTempFoldersOnce();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const owner: Owner = { host: hostname(), pid: process.pid, start: processStarted(process.pid) };
  // Written aside and renamed into place: an owner file, once there, is whole even if this process
  // is killed while writing it.
  const aside = join(dir, `${OWNER_FILE}.new`);
  writeFileSync(aside, JSON.stringify(owner), { mode: 0o600 });
  renameSync(aside, join(dir, OWNER_FILE));
  return dir;
}

/**
 * Remove, in `base`, the folders this module made for processes of this host that are no longer
 * running, and those without an owner file older than a day (another host's are left to it). Only
 * folders of this user are looked at; nothing here fails the caller. Returns the folders removed.
 */
export function removeStaleFolders(base = tmpdir(), now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return removed;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    if (!TEMP_PREFIXES.some((p) => name.startsWith(p))) continue;
    const dir = join(base, name);
    try {
      const st = lstatSync(dir);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      const owner = readOwner(dir);
      const stale = owner
        ? owner.host === hostname() && !processRunning(owner.pid, owner.start)
        : now - st.mtimeMs > UNOWNED_GRACE_MS;
      if (!stale) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

function readOwner(dir: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Partial<Owner>;
    if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0) return null;
    return {
      host: typeof o.host === 'string' ? o.host : hostname(),
      pid: o.pid,
      start: typeof o.start === 'string' ? o.start : null,
    };
  } catch {
    return null;
  }
}
