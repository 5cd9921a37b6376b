// What made each snapshot: the collectors and analyses its scan ran, at their versions (table
// snapshot_plugins, migration 0014).
import type { SnapshotPluginsTable } from './schema.ts';
import type { Store } from './store.ts';

export interface PluginRun {
  kind: SnapshotPluginsTable['kind'];
  id: string;
  version: number;
  /** An analysis's report area; null for a collector. */
  area: string | null;
  /** Hash of the office inputs the plugin read (an analysis's; `config:exposure` for a collector); null when none. */
  inputs: string | null;
}

export async function recordPlugins(
  store: Store,
  snapshotId: number,
  runs: readonly PluginRun[],
): Promise<void> {
  await store.insertMany(
    'snapshot_plugins',
    runs.map((r) => ({
      snapshot_id: snapshotId,
      kind: r.kind,
      plugin: r.id,
      version: r.version,
      area: r.area,
      inputs: r.inputs,
    })),
  );
}

export async function pluginsOf(store: Store, snapshotId: number): Promise<PluginRun[]> {
  const rows = await store.db
    .selectFrom('snapshot_plugins')
    .select(['kind', 'plugin', 'version', 'area', 'inputs'])
    .where('snapshot_id', '=', snapshotId)
    .orderBy('kind')
    .orderBy('plugin')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    id: r.plugin,
    version: Number(r.version),
    area: r.area,
    inputs: r.inputs,
  }));
}

/** The report area each analysis declared, by snapshot and analysis id (`<snapshot id>:<analysis>`). */
export async function analysisAreas(store: Store, snapshotIds: number[]): Promise<Map<string, string>> {
  if (snapshotIds.length === 0) return new Map();
  const rows = await store.db
    .selectFrom('snapshot_plugins')
    .select(['snapshot_id', 'plugin', 'area'])
    .where('snapshot_id', 'in', snapshotIds)
    .where('kind', '=', 'analysis')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (r.area !== null) out.set(`${r.snapshot_id}:${r.plugin}`, r.area);
  return out;
}
