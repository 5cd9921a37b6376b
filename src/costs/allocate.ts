// Allocation of stored cost lines to teams, repositories and technologies by the `costs` rules of
// cto.yaml: first match wins for each of the three separately; a team rule with `share` splits the
// cost among teams by a key; what no rule and no default reaches stays unallocated (null), never
// hidden (docs/costs.md#allocation).
import { matchesGlob } from 'node:path';
import { type Team, teamsOwning } from '../office/teams.ts';
import { type CostLine, costLines, monthlyCommits } from '../store/costs.ts';
import type { Store } from '../store/store.ts';
import type { CostRule, CostsConfig } from './config.ts';
import { parseAmount, splitAmount } from './money.ts';

/** Spend of one month allocated to one team, repository and technology (null: unallocated). */
export interface AllocatedCost {
  month: string;
  currency: string;
  team: string | null;
  repository: string | null;
  technology: string | null;
  provider: string;
  service: string;
  /** Exact amounts in units of 10^-18 of `currency` (src/costs/money.ts). */
  billed: bigint;
  effective: bigint;
}

/** What the share keys weigh: headcount per team, commits per team and month. */
interface ShareWeights {
  teams: readonly Team[];
  /** Commits per repository, by month. */
  commits: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const list = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : [v].flat();

function tagsOf(line: CostLine): Record<string, string> {
  return line.tags ? (JSON.parse(line.tags) as Record<string, string>) : {};
}

/** Whether the rule matches the line; the matched tag's value (or '') when it does, else null. */
function match(rule: CostRule, line: CostLine, tags: Record<string, string>): string | null {
  let value = '';
  if (rule.tag !== undefined) {
    const v = tags[rule.tag];
    if (v === undefined) return null;
    if (rule.tagValue !== undefined && !list(rule.tagValue)?.includes(v)) return null;
    value = v;
  }
  const sub = list(rule.subAccount);
  if (sub && !sub.some((s) => s === line.sub_account_id || s === line.sub_account_name)) return null;
  if (rule.service !== undefined && !list(rule.service)?.includes(line.service)) return null;
  if (rule.provider !== undefined && !list(rule.provider)?.includes(line.provider)) return null;
  const resource = list(rule.resource);
  if (resource) {
    const id = line.resource_id;
    if (id === null || !resource.some((g) => matchesGlob(id, g))) return null;
  }
  return value;
}

type Dimension = 'team' | 'repository' | 'technology';

interface Chosen {
  team: string | null;
  /** Set when a rule shares the cost among teams. */
  share: Pick<CostRule, 'share' | 'among'> | null;
  repository: string | null;
  technology: string | null;
}

/** For each dimension, the target of the first rule that matches and sets it, else the default. */
export function chooseTargets(config: CostsConfig | undefined, line: CostLine): Chosen {
  const tags = tagsOf(line);
  const chosen: Chosen = { team: null, share: null, repository: null, technology: null };
  const done = new Set<Dimension>();
  for (const rule of config?.rules ?? []) {
    const value = match(rule, line, tags);
    if (value === null) continue;
    const fill = (t: string) => t.replaceAll('{value}', value);
    if (!done.has('team') && (rule.team !== undefined || rule.share !== undefined)) {
      if (rule.team !== undefined) chosen.team = fill(rule.team);
      else chosen.share = { share: rule.share, among: rule.among };
      done.add('team');
    }
    for (const d of ['repository', 'technology'] as const) {
      const target = rule[d];
      if (!done.has(d) && target !== undefined) {
        chosen[d] = fill(target);
        done.add(d);
      }
    }
  }
  for (const d of ['team', 'repository', 'technology'] as const) {
    if (!done.has(d)) chosen[d] = config?.default?.[d] ?? null;
  }
  return chosen;
}

/** The teams and weights a cost is split among: a shared rule's key, or the owners of its repository. */
function teamSplit(chosen: Chosen, month: string, weights: ShareWeights): Array<[string | null, bigint]> {
  if (chosen.share === null) {
    if (chosen.team !== null || chosen.repository === null) return [[chosen.team, 1n]];
    const owners = teamsOwning(weights.teams, chosen.repository);
    return owners.length > 0 ? owners.map((t) => [t, 1n]) : [[null, 1n]];
  }
  const among = chosen.share.among ?? weights.teams.map((t) => t.name);
  if (among.length === 0) return [[null, 1n]];
  const weightOf = (name: string): number => {
    const team = weights.teams.find((t) => t.name === name);
    if (chosen.share?.share === 'headcount') return team?.members.length ?? 0;
    if (chosen.share?.share !== 'commits' || !team) return 0;
    let sum = 0;
    for (const [repository, months] of weights.commits) {
      if (teamsOwning([team], repository).length > 0) sum += months.get(month) ?? 0;
    }
    return sum;
  };
  const raw = chosen.share.share === 'even' ? among.map(() => 1) : among.map(weightOf);
  // A key that weighs nothing this month (no commits, no members listed) splits evenly.
  const w = raw.some((x) => x > 0) ? raw : among.map(() => 1);
  return among.map((name, i) => [name, BigInt(w[i] as number)]);
}

const amount = (text: string): bigint => {
  const v = parseAmount(text);
  if (typeof v === 'string') throw new Error(`stored amount ${v}`);
  return v;
};

/** Allocates cost lines; every line's amounts are kept whole (a split's shares sum to the line). */
export function allocate(
  lines: readonly CostLine[],
  config: CostsConfig | undefined,
  weights: ShareWeights,
): AllocatedCost[] {
  const out: AllocatedCost[] = [];
  for (const line of lines) {
    const chosen = chooseTargets(config, line);
    const split = teamSplit(chosen, line.month, weights);
    const ws = split.map(([, w]) => w);
    const billed = splitAmount(amount(line.billed), ws);
    const effective = splitAmount(amount(line.effective), ws);
    split.forEach(([team], i) => {
      out.push({
        month: line.month,
        currency: line.currency,
        team,
        repository: chosen.repository,
        technology: chosen.technology,
        provider: line.provider,
        service: line.service,
        billed: billed[i] as bigint,
        effective: effective[i] as bigint,
      });
    });
  }
  return out;
}

/**
 * The stored spend from month `since` on, allocated by the workspace's rules: one entry per month,
 * currency, team, repository, technology, provider and service share of a cost line. What the report's
 * budget area and `cto costs` read.
 */
export async function allocatedCosts(
  store: Store,
  config: CostsConfig | undefined,
  teams: readonly Team[],
  since?: string,
): Promise<AllocatedCost[]> {
  const commits = new Map<string, Map<string, number>>();
  for (const c of await monthlyCommits(store)) {
    const months = commits.get(c.repository) ?? new Map<string, number>();
    months.set(c.month, (months.get(c.month) ?? 0) + c.commits);
    commits.set(c.repository, months);
  }
  return allocate(await costLines(store, since), config, { teams, commits });
}
