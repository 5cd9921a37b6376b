// The cost of technical debt (docs/metrics/budget.md#debt-interest): the share of each person's change
// effort that goes into the hotspots `cto hotspots` lists, times the labour cost of that person's work
// in the repository. The "interest" paid on a hotspot per month and per year, ranked.
import { followRenames } from '../analyses/hotspots/follow.ts';
import type { ChangeRow, HotspotRow } from '../store/hotspots.ts';
import { type EffortCell, money } from './labour.ts';
import { type Money, units } from './money.ts';

export interface DebtInput {
  repository: string;
  /** The hotspots of the repository as `cto hotspots` lists them. */
  hotspots: readonly HotspotRow[];
  /** Its file changes, newest first (any time: only those in the window count). */
  changes: readonly ChangeRow[];
  /** Author e-mail (lower case) -> person id. */
  personOf: ReadonlyMap<string, string>;
}

export interface HotspotInterest {
  repository: string;
  path: string;
  complexity: number | null;
  code: number;
  /** Commits and churned lines in the window touching the file, and their share of the repository's. */
  commits: number;
  churn: number;
  commitShare: number;
  churnShare: number;
  perMonth: Money | null;
  perYear: Money | null;
}

export interface RepositoryInterest {
  repository: string;
  perMonth: Money | null;
  perYear: Money | null;
  /** Interest as a share of the repository's labour cost in the window. */
  shareOfLabour: number | null;
}

interface Tally {
  commits: Set<string>;
  churn: number;
}

const tally = (): Tally => ({ commits: new Set(), churn: 0 });

function add(map: Map<string, Tally>, person: string, sha: string, churn: number): void {
  const t = map.get(person) ?? tally();
  t.commits.add(sha);
  t.churn += churn;
  map.set(person, t);
}

/** [from, to] epoch seconds of the window's months. */
function windowTs(months: readonly string[]): [number, number] {
  const first = months[0] ?? '1970-01';
  const last = months.at(-1) ?? '1970-01';
  const [y, m] = last.split('-').map(Number) as [number, number];
  return [Date.parse(`${first}-01T00:00:00Z`) / 1000, Date.UTC(y, m, 1) / 1000 - 1];
}

export function debtInterest(
  inputs: readonly DebtInput[],
  cells: readonly EffortCell[],
  months: readonly string[],
  currency: string | null,
): { hotspots: HotspotInterest[]; repositories: RepositoryInterest[] } {
  const [from, to] = windowTs(months);
  const n = BigInt(Math.max(1, months.length));
  const hotspots: HotspotInterest[] = [];
  const repositories: RepositoryInterest[] = [];
  for (const input of inputs) {
    // Labour cost of each person's work in this repository over the window.
    const costOf = new Map<string, bigint>();
    let labour: bigint | null = null;
    for (const c of cells) {
      if (c.repository !== input.repository || c.cost === null) continue;
      costOf.set(c.personId, (costOf.get(c.personId) ?? 0n) + c.cost);
      labour = (labour ?? 0n) + c.cost;
    }
    const inWindow = input.changes.filter((c) => c.ts >= from && c.ts <= to);
    const repo = new Map<string, Tally>();
    const repoAll = tally();
    for (const c of inWindow) {
      const churn = (c.added ?? 0) + (c.deleted ?? 0);
      add(repo, input.personOf.get(c.author.toLowerCase()) ?? `?${c.author}`, c.sha, churn);
      repoAll.commits.add(c.sha);
      repoAll.churn += churn;
    }
    const perFile = new Map<string, Map<string, Tally>>();
    const fileAll = new Map<string, Tally>();
    const paths = input.hotspots.map((h) => h.path);
    for (const commit of followRenames(inWindow, paths)) {
      const person = input.personOf.get(commit.author.toLowerCase()) ?? `?${commit.author}`;
      for (const ch of commit.changes) {
        const byPerson = perFile.get(ch.path) ?? new Map<string, Tally>();
        perFile.set(ch.path, byPerson);
        add(byPerson, person, commit.sha, ch.added + ch.deleted);
        const all = fileAll.get(ch.path) ?? tally();
        all.commits.add(commit.sha);
        all.churn += ch.added + ch.deleted;
        fileAll.set(ch.path, all);
      }
    }
    let repoInterest: bigint | null = labour === null ? null : 0n;
    for (const h of input.hotspots) {
      let interest: bigint | null = labour === null ? null : 0n;
      for (const [person, t] of perFile.get(h.path) ?? []) {
        const cost = costOf.get(person);
        const r = repo.get(person);
        if (cost === undefined || !r || interest === null) continue;
        const rc = BigInt(r.commits.size);
        const rch = BigInt(r.churn);
        const hc = BigInt(t.commits.size);
        const hch = BigInt(t.churn);
        // cost × ½ (hc/rc + hch/rch); the commit share alone when the person churned no lines.
        interest += rch === 0n ? (cost * hc) / rc : (cost * (hc * rch + hch * rc)) / (2n * rc * rch);
      }
      if (interest !== null && repoInterest !== null) repoInterest += interest;
      const all = fileAll.get(h.path) ?? tally();
      hotspots.push({
        repository: input.repository,
        path: h.path,
        complexity: h.complexity,
        code: h.code,
        commits: all.commits.size,
        churn: all.churn,
        commitShare: share(all.commits.size, repoAll.commits.size),
        churnShare: share(all.churn, repoAll.churn),
        perMonth: money(interest === null ? null : interest / n, currency),
        perYear: money(interest === null ? null : (interest * 12n) / n, currency),
      });
    }
    repositories.push({
      repository: input.repository,
      perMonth: money(repoInterest === null ? null : repoInterest / n, currency),
      perYear: money(repoInterest === null ? null : (repoInterest * 12n) / n, currency),
      shareOfLabour:
        repoInterest === null || labour === null || labour === 0n
          ? null
          : Number((repoInterest * 10_000n) / labour) / 10_000,
    });
  }
  hotspots.sort(
    (a, b) => byAmount(b.perMonth, a.perMonth) || b.commits - a.commits || a.path.localeCompare(b.path),
  );
  repositories.sort((a, b) => byAmount(b.perMonth, a.perMonth) || a.repository.localeCompare(b.repository));
  return { hotspots, repositories };
}

/** Exact order of two amounts (unknown lowest). */
function byAmount(a: Money | null, b: Money | null): number {
  const x = a === null ? -1n : units(a.amount);
  const y = b === null ? -1n : units(b.amount);
  return x === y ? 0 : x > y ? 1 : -1;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
