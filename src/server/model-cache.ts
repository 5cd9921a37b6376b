// Documents the server builds from the whole store (the report model, every repository's packages,
// every advisory), kept between requests (docs/server.md#what-a-request-costs). An entry is keyed by
// what it was built from: the store's state (snapshots and which are current, the register, feeds,
// cost imports, delivery events, the licence cache), the office files of the workspace (paths, sizes,
// mtimes) and the request's own parameters (reference day, team, anonymised or not). When any of these
// changes, the entries built from the old state are dropped; a scan that lands drops them all. At most
// MAX_ENTRIES documents are kept, the least recently used dropped first.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';

/** Documents kept: a few reference days, teams and anonymised variants of the model, and the lists. */
export const MAX_ENTRIES = 12;
/** Office files walked at most; a larger workspace is not cached (every request builds afresh). */
const MAX_OFFICE_ENTRIES = 5_000;
const MAX_OFFICE_DEPTH = 6;

interface ModelCache {
  /** The document `build` makes for `key` in the store's state now: kept, or built and kept. */
  get<T>(key: string, build: () => Promise<T>): Promise<T>;
  /** Drop every document (a scan landed). */
  clear(): void;
  /** Documents kept now. */
  readonly size: number;
}

const caches = new WeakMap<Store, Map<string, ModelCache>>();

/** The cache of one store and workspace, shared by every route of the server that opened them. */
export function modelCache(store: Store, ws: Workspace): ModelCache {
  let byDir = caches.get(store);
  if (!byDir) {
    byDir = new Map();
    caches.set(store, byDir);
  }
  let cache = byDir.get(ws.dir);
  if (!cache) {
    cache = createModelCache(
      () => storeState(store),
      () => officeState(ws.dir),
    );
    byDir.set(ws.dir, cache);
  }
  return cache;
}

export function createModelCache(
  storeFingerprint: () => Promise<string>,
  officeFingerprint: () => string | null,
): ModelCache {
  const entries = new Map<string, Promise<unknown>>();
  let state: string | null = null;
  return {
    async get<T>(key: string, build: () => Promise<T>): Promise<T> {
      const office = officeFingerprint();
      if (office === null) return build();
      const now = `${await storeFingerprint()}\0${office}`;
      if (now !== state) {
        entries.clear();
        state = now;
      }
      const kept = entries.get(key) as Promise<T> | undefined;
      if (kept) {
        entries.delete(key);
        entries.set(key, kept);
        return kept;
      }
      const built = build();
      entries.set(key, built);
      built.catch(() => {
        if (entries.get(key) === built) entries.delete(key);
      });
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      return built;
    },
    clear() {
      entries.clear();
      state = null;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * What the store holds that the documents are built from, in one query: snapshots written and which
 * are current, the register, feed and cost imports, delivery events (added or updated), the licence cache.
 */
async function storeState(store: Store): Promise<string> {
  const { rows } = await sql`select
    (select count(*) from snapshots) as snapshots,
    (select max(id) from snapshots) as last_snapshot,
    (select max(finished_at) from snapshots) as last_finished,
    (select count(*) from repositories) as repositories,
    (select coalesce(sum(current_snapshot_id), 0) from repositories) as current,
    (select count(*) from risks) as risks,
    (select max(id) from risk_events) as risk_event,
    (select max(last_seen_at) from risks) as risk_seen,
    (select max(closed_at) from risks) as risk_closed,
    (select max(id) from feed_imports) as feed,
    (select max(id) from cost_imports) as cost,
    (select count(*) from cost_imports where status = 'replaced') as cost_replaced,
    (select max(id) from deployments) as deployment,
    (select max(id) from incidents) as incident,
    (select max(id) from audit where action in ('event.deployment', 'event.incident')) as event,
    (select count(*) from licence_cache) as licences,
    (select max(fetched_at) from licence_cache) as licence_fetched`.execute(store.db);
  return JSON.stringify(Object.values(rows[0] as Record<string, unknown>).map((v) => String(v ?? '')));
}

/** The workspace's files (not .cto/, .git/ or node_modules/): paths, sizes, mtimes; null when too many. */
function officeState(dir: string): string | null {
  const hash = createHash('sha256');
  let seen = 0;
  const walk = (at: string, depth: number): boolean => {
    let names: string[];
    try {
      names = readdirSync(at).sort();
    } catch {
      return true;
    }
    for (const name of names) {
      if (name === '.cto' || name === '.git' || name === 'node_modules') continue;
      if (++seen > MAX_OFFICE_ENTRIES) return false;
      const path = join(at, name);
      let st: ReturnType<typeof statSync>;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (depth < MAX_OFFICE_DEPTH && !walk(path, depth + 1)) return false;
      } else hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
    }
    return true;
  };
  return walk(dir, 0) ? hash.digest('hex') : null;
}
