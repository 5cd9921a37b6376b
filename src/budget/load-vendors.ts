// The vendor register of a workspace joined to the current snapshots of its store.
import { loadTechnologies } from '../analyses/technologies/match.ts';
import { technologyMetrics } from '../analyses/technologies/stored.ts';
import type { Exposure } from '../collectors/types.ts';
import { loadVendors } from '../office/vendors.ts';
import { currentRepositories } from '../store/deps.ts';
import type { Store } from '../store/store.ts';
import { type TechnologyUse, type VendorsRegister, vendorsRegister } from './vendors.ts';

export async function loadVendorsRegister(
  store: Store,
  workspace: { dir: string; config: Record<string, unknown> },
  day: string,
): Promise<VendorsRegister> {
  const catalogue = loadTechnologies();
  const file = loadVendors(workspace.dir, new Set(catalogue.map((t) => t.id)));
  const repositories = await currentRepositories(store);
  const uses: TechnologyUse[] = [];
  for (const r of repositories) {
    const { metrics } = await technologyMetrics(store, r.snapshotId, workspace.config);
    for (const m of metrics) {
      if (m.metric !== 'technology') continue;
      const exposures = (m.evidence?.exposures ?? []) as Exposure[];
      uses.push({ repository: r.name, technology: m.subject, exposures });
    }
  }
  return vendorsRegister(file, uses, catalogue, day, repositories.length);
}
