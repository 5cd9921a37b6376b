// The licence feed's cache (table `licence_cache`): what registries state as the licence of each
// package version, written by `cto feed update --licences` or `cto feed import`, read when a
// lockfile states no licence. Upserts replace one (ecosystem, name, version) at a time.
import type { LicenceStatus } from './schema.ts';
import { nowIso, type Store } from './store.ts';

export interface CachedLicence {
  ecosystem: string;
  name: string;
  version: string;
  /** The licence as the registry states it (not normalised); null when it states none. */
  licence: string | null;
  status: LicenceStatus;
  /** The registry document it was read from. */
  source: string;
}

export interface PackageKey {
  ecosystem: string;
  name: string;
  version: string;
}

export const cacheKey = (p: PackageKey): string => `${p.ecosystem}\u0000${p.name}\u0000${p.version}`;

const CHUNK = 500;

/** Writes (or replaces) cache rows, in one transaction. */
export async function saveLicences(store: Store, rows: readonly CachedLicence[]): Promise<void> {
  if (rows.length === 0) return;
  const at = nowIso();
  // The last statement of a key wins, and one INSERT may not name a key twice (PostgreSQL).
  const unique = [...new Map(rows.map((r) => [cacheKey(r), r])).values()];
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < unique.length; i += CHUNK) {
      await trx
        .insertInto('licence_cache')
        .values(unique.slice(i, i + CHUNK).map((r) => ({ ...r, fetched_at: at })))
        .onConflict((oc) =>
          oc.columns(['ecosystem', 'name', 'version']).doUpdateSet((eb) => ({
            licence: eb.ref('excluded.licence'),
            status: eb.ref('excluded.status'),
            source: eb.ref('excluded.source'),
            fetched_at: eb.ref('excluded.fetched_at'),
          })),
        )
        .execute();
    }
  });
}

function toCached(r: {
  ecosystem: string;
  name: string;
  version: string;
  licence: string | null;
  status: LicenceStatus;
  source: string;
}): CachedLicence {
  return {
    ecosystem: r.ecosystem,
    name: r.name,
    version: r.version,
    licence: r.licence,
    status: r.status,
    source: r.source,
  };
}

/** Every cached row, in key order (for `cto feed export --licences`). */
export async function allCachedLicences(store: Store): Promise<CachedLicence[]> {
  const rows = await store.db
    .selectFrom('licence_cache')
    .selectAll()
    .orderBy('ecosystem')
    .orderBy('name')
    .orderBy('version')
    .execute();
  return rows.map(toCached);
}

/** Cached rows for the package versions one snapshot depends on, by `cacheKey`. */
export async function snapshotCachedLicences(
  store: Store,
  snapshotId: number,
): Promise<Map<string, CachedLicence>> {
  const rows = await store.db
    .selectFrom('licence_cache as c')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('dependencies as d')
          .select('d.snapshot_id')
          .where('d.snapshot_id', '=', snapshotId)
          .whereRef('d.ecosystem', '=', 'c.ecosystem')
          .whereRef('d.name', '=', 'c.name')
          .whereRef('d.version', '=', 'c.version'),
      ),
    )
    .selectAll('c')
    .execute();
  return new Map(rows.map((r) => [cacheKey(r), toCached(r)]));
}

/**
 * The package versions of the current snapshots whose files state no licence: what the licence
 * feed looks up. Rows without an exact version (a manifest's requirement) are not looked up.
 */
export async function unlicensedPackages(
  store: Store,
  ecosystems?: readonly string[],
): Promise<PackageKey[]> {
  let q = store.db
    .selectFrom('repositories as r')
    .innerJoin('dependencies as d', 'd.snapshot_id', 'r.current_snapshot_id')
    .select(['d.ecosystem', 'd.name', 'd.version'])
    .select((eb) => eb.fn.max('d.license').as('stated'))
    .where('d.version', 'is not', null)
    .where('d.version', '!=', '')
    .groupBy(['d.ecosystem', 'd.name', 'd.version'])
    .orderBy('d.ecosystem')
    .orderBy('d.name')
    .orderBy('d.version');
  if (ecosystems && ecosystems.length > 0) q = q.where('d.ecosystem', 'in', [...ecosystems]);
  const rows = await q.execute();
  return rows
    .filter((r) => r.stated === null || r.stated === '')
    .map((r) => ({ ecosystem: r.ecosystem, name: r.name, version: r.version as string }));
}

/** Keys already in the cache, among those given. */
export async function cachedKeys(store: Store, keys: readonly PackageKey[]): Promise<Set<string>> {
  const ecosystems = [...new Set(keys.map((k) => k.ecosystem))];
  const out = new Set<string>();
  for (const ecosystem of ecosystems) {
    const rows = await store.db
      .selectFrom('licence_cache')
      .select(['ecosystem', 'name', 'version'])
      .where('ecosystem', '=', ecosystem)
      .execute();
    for (const r of rows) out.add(cacheKey(r));
  }
  return out;
}

/** Rows cached for one ecosystem. */
export async function countCached(store: Store, ecosystem: string): Promise<number> {
  const row = await store.db
    .selectFrom('licence_cache')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('ecosystem', '=', ecosystem)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
