// The store side of `cto sources`: what each sync found, what disappeared, and each mirror's last fetch.
import type { Store } from './store.ts';

export interface FoundSourceRepository {
  key: string;
  name: string;
  source: string;
  kind: 'url' | 'folder';
  archived: boolean;
  fork: boolean;
}

interface SourceRepository extends FoundSourceRepository {
  mirror: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  goneAt: string | null;
  fetchedAt: string | null;
  fetchError: string | null;
}

/**
 * Record one sync: the repositories found are listed (again) and no longer gone; those of the synced
 * sources that were not found are marked gone (from now, or since they first went), never deleted.
 * Sources that failed to list are not in `synced`: their repositories stay as they were.
 */
export async function saveDiscovery(
  store: Store,
  synced: readonly string[],
  found: readonly FoundSourceRepository[],
  now: string,
): Promise<{ added: number; gone: number; back: number }> {
  return store.db.transaction().execute(async (tx) => {
    const existing = new Map(
      (await tx.selectFrom('source_repositories').select(['key', 'source', 'gone_at']).execute()).map((r) => [
        r.key,
        r,
      ]),
    );
    let added = 0;
    let back = 0;
    const seen = new Set<string>();
    for (const r of found) {
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      const row = existing.get(r.key);
      const values = {
        name: r.name,
        source: r.source,
        kind: r.kind,
        archived: r.archived ? 1 : 0,
        fork: r.fork ? 1 : 0,
        last_seen_at: now,
        gone_at: null,
      };
      if (row) {
        if (row.gone_at !== null) back++;
        await tx.updateTable('source_repositories').set(values).where('key', '=', r.key).execute();
      } else {
        added++;
        await tx
          .insertInto('source_repositories')
          .values({
            key: r.key,
            ...values,
            first_seen_at: now,
            mirror: null,
            fetched_at: null,
            fetch_error: null,
          })
          .execute();
      }
    }
    let gone = 0;
    for (const row of existing.values()) {
      if (seen.has(row.key) || row.gone_at !== null || !synced.includes(row.source)) continue;
      gone++;
      await tx.updateTable('source_repositories').set({ gone_at: now }).where('key', '=', row.key).execute();
    }
    return { added, gone, back };
  });
}

export async function recordFetch(
  store: Store,
  key: string,
  result: { mirror: string | null; error: string | null; at: string },
): Promise<void> {
  const set =
    result.mirror === null
      ? { fetched_at: result.at, fetch_error: result.error }
      : { fetched_at: result.at, fetch_error: result.error, mirror: result.mirror };
  await store.db.updateTable('source_repositories').set(set).where('key', '=', key).execute();
}

export async function listSourceRepositories(store: Store): Promise<SourceRepository[]> {
  const rows = await store.db
    .selectFrom('source_repositories')
    .selectAll()
    .orderBy('source')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    source: r.source,
    kind: r.kind === 'folder' ? 'folder' : 'url',
    archived: r.archived === 1,
    fork: r.fork === 1,
    mirror: r.mirror,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    goneAt: r.gone_at,
    fetchedAt: r.fetched_at,
    fetchError: r.fetch_error,
  }));
}
