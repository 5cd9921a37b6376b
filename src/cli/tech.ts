// `cto tech [repo]`: technologies per repository, with their category and the evidence behind them
// (packages, images, files), as the technologies analysis stored them.
import { Command } from 'commander';
import { technologiesByTeam } from '../analyses/technologies/by-team.ts';
import { loadTechnologies } from '../analyses/technologies/match.ts';
import { CATEGORIES } from '../analyses/technologies/schema.ts';
import { technologyMetrics } from '../analyses/technologies/stored.ts';
import { inScopes } from '../collectors/exposure.ts';
import type { Exposure } from '../collectors/types.ts';
import { loadTeams } from '../office/teams.ts';
import { currentRepositories } from '../store/deps.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { choiceOption, globalOptions, scopeOption, withStore } from './context.ts';
import { printError, printJson, printLine, printTable, textColumn } from './output.ts';

interface TechFlags {
  category?: string;
  scope?: Exposure[];
  json?: boolean;
}

export function techCommand(): Command {
  return new Command('tech')
    .description(
      'technologies per repository (languages, frameworks, databases, clouds, SaaS...) with their evidence',
    )
    .argument('[repo]', 'a repository name (see `cto repos`); all repositories when omitted')
    .addOption(choiceOption('--category <name>', 'only this category', CATEGORIES))
    .addOption(scopeOption('technologies'))
    .option('--json', 'print a JSON document (schema cto.tech/v1)')
    .action(async (repo: string | undefined, flags: TechFlags, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const doc = await techDocument(store, ws, { ...flags, repository: repo });
        if (flags.json) {
          printJson('cto.tech/v1', doc);
          return;
        }
        const { repositories: out, teams: byTeam } = doc;
        const rows = out.flatMap((o) =>
          o.technologies.map((t) => [
            o.repository,
            t.name,
            t.category,
            t.exposure ?? 'unknown',
            evidenceText(t.evidence),
          ]),
        );
        if (rows.length > 0)
          printTable(['repository', 'technology', 'category', 'scope', textColumn('evidence')], rows);
        const teamRows = (byTeam ?? []).flatMap((t) =>
          t.technologies.map((x) => [t.team, x.name, x.category, x.repositories.join(' ')]),
        );
        if (teamRows.length > 0) {
          printLine('');
          printTable(['team', 'technology', 'category', textColumn('repositories')], teamRows);
        }
        for (const o of out) {
          if (o.technologies.length === 0) printLine(`${o.repository}: no technology found`);
          if (!o.stored)
            printError(`${o.repository}: computed now (the snapshot was scanned without analyses)`);
        }
      });
    });
}

function evidenceText(e: { packages?: string[]; images?: string[]; files?: string[] }): string {
  const part = (label: string, list?: string[]) =>
    list && list.length > 0
      ? `${label}: ${list.slice(0, 3).join(', ')}${list.length > 3 ? ` +${list.length - 3}` : ''}`
      : '';
  return [part('packages', e.packages), part('images', e.images), part('files', e.files)]
    .filter(Boolean)
    .join('; ');
}

/** `cto tech --json`'s body (schema cto.tech/v1). */
export async function techDocument(
  store: Store,
  ws: Workspace,
  q: { repository?: string | undefined; category?: string | undefined; scope?: Exposure[] | undefined },
) {
  const table = new Map(loadTechnologies().map((t) => [t.id, t]));
  const repositories = [];
  for (const r of await currentRepositories(store, q.repository)) {
    const { metrics, stored } = await technologyMetrics(store, r.snapshotId, ws.config);
    const technologies = metrics
      .filter((m) => m.metric === 'technology' && table.has(m.subject))
      .map((m) => {
        const t = table.get(m.subject) as { id: string; name: string; category: string };
        const exposures = m.evidence?.exposures ?? [];
        return {
          id: t.id,
          name: t.name,
          category: t.category,
          // The most exposed of the facts behind it; unknown for a snapshot analysed before exposures.
          exposure: exposures[0] ?? null,
          facts: m.value,
          evidence: m.evidence ?? {},
        };
      })
      .filter((t) => q.category === undefined || t.category === q.category)
      .filter((t) => inScopes(t.evidence.exposures ?? [], q.scope));
    repositories.push({ repository: r.name, commit: r.commit, stored, technologies });
  }
  const teams = loadTeams(ws.dir);
  return { repositories, teams: teams.length > 0 ? technologiesByTeam(teams, repositories) : null };
}
