// `cto skills`: people with recent work per technology and language, rolled up per team, with the
// radar's thin spots and a hiring and mentoring table (docs/skills.md). Person-level: --anonymize.
import { Command } from 'commander';
import { directoryPseudonyms, loadDirectory } from '../analyses/knowledge/directory.ts';
import { loadTeams } from '../office/teams.ts';
import { loadRadarView } from '../radar/index.ts';
import { repositoryTechnologies } from '../radar/usage.ts';
import { referenceDay } from '../reference-date.ts';
import { anonymizeJson } from '../report/anonymize.ts';
import { buildSkills } from '../skills/build.ts';
import { currentSnapshots } from '../store/report.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../workspace.ts';
import { globalOptions, parseDayOption, withStore } from './context.ts';
import { printJson, printLine, printTable, styled, textColumn } from './output.ts';

export function skillsCommand(): Command {
  return new Command('skills')
    .description(
      'people with recent work (365 days) per technology and language, per team; radar technologies with one knowledgeable person or fewer; hiring and mentoring per team',
    )
    .option(
      '--today <date>',
      'the reference day, YYYY-MM-DD (default: today, UTC)',
      parseDayOption('--today'),
    )
    .option('--anonymize', 'replace names and e-mails by stable pseudonyms (person-1a2b3c4d), in JSON too')
    .option('--json', 'print a JSON document (schema cto.skills/v1, docs/skills.md)')
    .action(async (flags: { today?: string; anonymize?: boolean; json?: boolean }, cmd: Command) => {
      await withStore(globalOptions(cmd), async (store, ws) => {
        const doc = await skillsDocument(store, ws, {
          today: referenceDay(flags.today),
          anonymize: flags.anonymize === true,
        });
        if (flags.json) {
          printJson('cto.skills/v1', doc);
          return;
        }
        const { reference: today, radar, anonymized: _, ...skills } = doc;
        const techs = skills.rows.filter((r) => r.kind === 'technology');
        printLine(
          `${techs.length} technologies and ${skills.rows.length - techs.length} languages with work in the 365 days to ${today}; ${skills.findings.length} findings${radar ? '' : ' (no radar: ADOPT, TRIAL and HOLD not known)'}.`,
        );
        for (const f of skills.findings)
          printLine(styled(f.severity === 'medium' ? 'yellow' : 'dim', `${f.severity}: ${f.title}`));
        printLine('');
        printTable(
          [
            'kind',
            textColumn('technology'),
            'ring',
            'people',
            'departed',
            textColumn('people with recent work (commits)'),
          ],
          skills.rows.map((r) => [
            r.kind,
            r.name,
            r.stance ?? '',
            r.people.length,
            r.departed,
            r.people
              .slice(0, 5)
              .map((p) => `${p.name} (${p.commits})`)
              .join(', ') + (r.people.length > 5 ? ` +${r.people.length - 5}` : ''),
          ]),
        );
        const teamRows = skills.teams.flatMap((t) => t.rows.map((r) => [t.team, r.name, r.people, r.advice]));
        if (teamRows.length > 0) {
          printLine('');
          printTable(
            ['team', textColumn('technology'), 'members with recent work', 'hiring and mentoring'],
            teamRows,
          );
        }
      });
    });
}

/** `cto skills --json`'s body (schema cto.skills/v1); `anonymize` replaces each name and e-mail. */
export async function skillsDocument(store: Store, ws: Workspace, q: { today: string; anonymize: boolean }) {
  const today = q.today;
  const teams = loadTeams(ws.dir);
  const radar = await loadRadarView(store, ws, today);
  const stances = new Map<string, string>();
  for (const item of radar?.items ?? [])
    for (const t of item.technologies) if (item.stance) stances.set(t, item.stance);
  const technologyFiles = (
    await repositoryTechnologies(store, await currentSnapshots(store), ws.config as Record<string, unknown>)
  ).map((r) => ({
    repository: r.repository,
    technologies: r.technologies.map((t) => ({ id: t.id, files: t.files })),
  }));
  const skills = await buildSkills(store, { today, teams, technologyFiles, stances });
  // Each name and e-mail is replaced where it stands, never inside other fields of the document.
  if (q.anonymize) {
    // Each person's one pseudonym, the same as in every other --anonymize output.
    const pseudonyms = directoryPseudonyms((await loadDirectory(store, ws.dir, ws.config, today)).directory);
    for (const r of skills.rows)
      r.people = r.people.map((p) => ({
        ...p,
        name: anonymizeJson(p.person, [p.person], pseudonyms),
        person: anonymizeJson(p.person, [p.person], pseudonyms),
      }));
  }
  return { reference: today, anonymized: q.anonymize, radar: radar !== null, ...skills };
}
