// Renewals needing a decision (the notice date within 30 days or past, the renewal not yet), from
// vendors.yaml alone: the report's "decisions needed" lists them.
import { loadTechnologies } from '../analyses/technologies/match.ts';
import { loadVendors } from '../office/vendors.ts';
import { type ContractView, vendorsRegister } from './vendors.ts';

/** Contracts to decide on at `day`; none without a readable vendors.yaml. */
export function renewalsToDecide(workspaceDir: string, day: string): ContractView[] {
  const catalogue = loadTechnologies();
  const file = loadVendors(workspaceDir, new Set(catalogue.map((t) => t.id)));
  return vendorsRegister(file, [], catalogue, day, 0).contracts.filter((c) => c.renewalStatus === 'decide');
}
