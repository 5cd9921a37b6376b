// The vendor register joined to the scan (docs/budget.md#the-register-joined-to-the-scan): contracts whose
// technologies no repository uses any more, commercial technologies in runtime use that no contract
// covers, renewals whose notice date is near or past (a decision needed), and seats bought versus used.
import type { Exposure } from '../collectors/types.ts';
import type { Contract, VendorsFile } from '../office/vendors.ts';
import { DAY_MS } from '../reference-date.ts';
import { type Money, totalsByCurrency } from './money.ts';

/** A notice date this many days ahead (or already past, before the renewal) makes the renewal a decision. */
const DECISION_LEAD_DAYS = 30;
/** Renewals shown as coming up: within this many days of the reference date. */
const RENEWAL_WINDOW_DAYS = 90;

/** Where a repository's current snapshot detects a technology; `exposures` empty when not recorded. */
export interface TechnologyUse {
  repository: string;
  technology: string;
  exposures: readonly Exposure[];
}

export interface CatalogueEntry {
  id: string;
  name: string;
  category: string;
  commercial?: true;
}

/**
 * `decide`: the notice date is within DECISION_LEAD_DAYS or past, the renewal not yet; `due`: renews
 * within RENEWAL_WINDOW_DAYS; `later`; `passed`: the renewal date is before the reference date (the
 * register needs the next one); `unknown`: no renewal date.
 */
export type RenewalStatus = 'decide' | 'due' | 'later' | 'passed' | 'unknown';

export interface ContractView {
  vendor: string;
  product: string | null;
  owner: string | null;
  start: string | null;
  renewal: string | null;
  /** The last day to give notice: the renewal date less the notice period. */
  noticeBy: string | null;
  daysToRenewal: number | null;
  renewalStatus: RenewalStatus;
  costPerYear: Money | null;
  seats: { bought: number; used: number | null; unused: number | null; usedShare: number | null } | null;
  technologies: Array<{ id: string; name: string; repositories: string[] }>;
  /** `unused`: none of its technologies is used by a scanned repository; `not-joined`: it names none. */
  use: 'used' | 'unused' | 'not-joined';
}

export interface UncoveredTechnology {
  id: string;
  name: string;
  category: string;
  repositories: string[];
}

export interface VendorsRegister {
  day: string;
  file: { present: boolean; problem: string | null };
  repositories: number;
  contracts: ContractView[];
  /** Commercial technologies in runtime use with no contract (all of them without a vendors.yaml; none when it is invalid). */
  uncovered: UncoveredTechnology[];
  totals: { perYear: Money[]; unusedPerYear: Money[] };
}

/** Exposures that do not count as using a technology: it is only written about or shown. */
const NOT_USE: ReadonlySet<Exposure> = new Set(['docs', 'example']);

/** Used: detected in a scope other than docs and examples, or with its scope not recorded. */
function isUse(u: TechnologyUse): boolean {
  return u.exposures.length === 0 || u.exposures.some((e) => !NOT_USE.has(e));
}

export function vendorsRegister(
  file: VendorsFile,
  uses: readonly TechnologyUse[],
  catalogue: readonly CatalogueEntry[],
  day: string,
  repositories: number,
): VendorsRegister {
  const byId = new Map(catalogue.map((t) => [t.id, t]));
  const usedIn = new Map<string, Set<string>>();
  for (const u of uses.filter(isUse)) {
    const set = usedIn.get(u.technology) ?? new Set<string>();
    set.add(u.repository);
    usedIn.set(u.technology, set);
  }
  const contracts = file.contracts.map((c) => contractView(c, usedIn, byId, day));
  const covered = new Set(file.contracts.flatMap((c) => c.technologies));
  const runtime = new Map<string, Set<string>>();
  for (const u of uses) {
    if (!u.exposures.includes('runtime') || covered.has(u.technology)) continue;
    if (byId.get(u.technology)?.commercial !== true) continue;
    const set = runtime.get(u.technology) ?? new Set<string>();
    set.add(u.repository);
    runtime.set(u.technology, set);
  }
  const uncovered =
    file.problem !== null
      ? []
      : [...runtime.entries()]
          .map(([id, repos]) => {
            const t = byId.get(id) as CatalogueEntry;
            return { id, name: t.name, category: t.category, repositories: [...repos].sort() };
          })
          .sort((a, b) => b.repositories.length - a.repositories.length || a.name.localeCompare(b.name));
  const costs = (list: ContractView[]) => list.flatMap((c) => (c.costPerYear ? [c.costPerYear] : []));
  return {
    day,
    file: { present: file.present, problem: file.problem },
    repositories,
    contracts,
    uncovered,
    totals: {
      perYear: totalsByCurrency(costs(contracts)),
      unusedPerYear: totalsByCurrency(costs(contracts.filter((c) => c.use === 'unused'))),
    },
  };
}

function contractView(
  c: Contract,
  usedIn: ReadonlyMap<string, ReadonlySet<string>>,
  byId: ReadonlyMap<string, CatalogueEntry>,
  day: string,
): ContractView {
  const technologies = c.technologies.map((id) => ({
    id,
    name: byId.get(id)?.name ?? id,
    repositories: [...(usedIn.get(id) ?? [])].sort(),
  }));
  const use =
    technologies.length === 0
      ? 'not-joined'
      : technologies.some((t) => t.repositories.length > 0)
        ? 'used'
        : 'unused';
  const noticeBy = c.renewal === null ? null : c.notice ? minus(c.renewal, c.notice) : c.renewal;
  const daysToRenewal = c.renewal === null ? null : daysBetween(day, c.renewal);
  return {
    vendor: c.vendor,
    product: c.product,
    owner: c.owner,
    start: c.start,
    renewal: c.renewal,
    noticeBy,
    daysToRenewal,
    renewalStatus: renewalStatus(day, daysToRenewal, noticeBy),
    costPerYear: c.costPerYear,
    seats: c.seats ? seatsView(c.seats) : null,
    technologies,
    use,
  };
}

function renewalStatus(day: string, daysToRenewal: number | null, noticeBy: string | null): RenewalStatus {
  if (daysToRenewal === null || noticeBy === null) return 'unknown';
  if (daysToRenewal < 0) return 'passed';
  if (daysBetween(day, noticeBy) <= DECISION_LEAD_DAYS) return 'decide';
  return daysToRenewal <= RENEWAL_WINDOW_DAYS ? 'due' : 'later';
}

function seatsView(s: { bought: number; used: number | null }): ContractView['seats'] {
  if (s.used === null) return { bought: s.bought, used: null, unused: null, usedShare: null };
  return {
    bought: s.bought,
    used: s.used,
    unused: s.bought - s.used,
    usedShare: s.bought === 0 ? null : Math.round((s.used / s.bought) * 10_000) / 10_000,
  };
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `day` less a notice period; months by the calendar, clamped to the month's last day (31 May - 3 months = 28 Feb). */
export function minus(day: string, notice: NonNullable<Contract['notice']>): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (notice.unit !== 'month') {
    const days = notice.count * (notice.unit === 'week' ? 7 : 1);
    return new Date(d.getTime() - days * DAY_MS).toISOString().slice(0, 10);
  }
  const months = d.getUTCFullYear() * 12 + d.getUTCMonth() - notice.count;
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d.getUTCDate(), last))).toISOString().slice(0, 10);
}
