// teams.yaml: the office's list of teams, who is in each and what each owns.
//
//   teams:
//     - name: Platform
//       members: [Ada Lovelace, ada@example.com]   # names or e-mails
//       leads: [ada@example.com]                   # `cto serve` accounts that lead the team
//       handles: ['@acme/platform']                 # CODEOWNERS owners that mean this team
//       owns:
//         - api                                     # a whole repository
//         - repository: web
//           paths: ['src/server/**', 'infra/']      # CODEOWNERS-style path patterns
//
// Ownership of a path: the teams whose rules with `paths` match it; when none does, the teams
// owning the whole repository. Repository names match exactly or as a glob (`services/*`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CtoError } from '../errors.ts';
import { checkPattern, compilePattern, type PathMatcher } from '../people/codeowners/pattern.ts';
import { normaliseName } from '../people/identities/normalise.ts';
import { officeFile } from './lenient.ts';
import { readYamlFile } from './yaml-file.ts';

const patternSchema = z.string().refine((p) => checkPattern(p) === null, {
  message: 'not a supported path pattern (no !, [ ], or \\)',
});

const ownsSchema = z.union([
  z.string().min(1),
  z.object({ repository: z.string().min(1), paths: z.array(patternSchema).optional() }).strict(),
]);

export const teamSchema = z
  .object({
    name: z.string().min(1),
    members: z.array(z.string().min(1)).default([]),
    leads: z.array(z.email()).optional(),
    handles: z.array(z.string().min(1)).default([]),
    owns: z.array(ownsSchema).default([]),
  })
  .strict();

export const teamsFileSchema = z.object({ teams: z.array(teamSchema).default([]) }).strict();

export type Team = z.infer<typeof teamSchema>;

export const TEAMS_FILE = 'teams.yaml';

/** Whether the workspace has a `teams.yaml` (ownership is declared, even by a file listing no team). */
export function hasTeamsFile(workspaceDir: string): boolean {
  return existsSync(join(workspaceDir, TEAMS_FILE));
}

/** Teams from `teams.yaml` in the workspace; an empty list when the file is absent. */
export function loadTeams(workspaceDir: string): Team[] {
  const file = join(workspaceDir, TEAMS_FILE);
  return officeFile(
    () => {
      const data = readYamlFile(file, teamsFileSchema, TEAMS_FILE);
      return data === null ? [] : uniqueTeams(data.teams, TEAMS_FILE);
    },
    () => [],
  );
}

/** Validate already-parsed YAML; `source` names the file in error messages. */
export function parseTeams(raw: unknown, source = TEAMS_FILE): Team[] {
  const parsed = teamsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CtoError(
      'CONFIG_INVALID',
      `${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return uniqueTeams(parsed.data.teams, source);
}

function uniqueTeams(teams: Team[], source: string): Team[] {
  const names = new Set<string>();
  for (const t of teams) {
    if (names.has(t.name))
      throw new CtoError('CONFIG_INVALID', `${source}: team "${t.name}" is listed twice`);
    names.add(t.name);
  }
  return teams;
}

/** Patterns of teams.yaml compiled once each (a few per team), not once per path tested. */
const compiled = new Map<string, PathMatcher>();

function matcher(pattern: string): PathMatcher {
  let m = compiled.get(pattern);
  if (!m) {
    m = compilePattern(pattern);
    compiled.set(pattern, m);
  }
  return m;
}

function repositoryMatches(rule: string, repository: string): boolean {
  if (rule === repository) return true;
  if (!/[*?]/.test(rule) || checkPattern(rule) !== null) return false;
  return matcher(`/${rule}`)(repository);
}

/** Names of the teams owning `path` in `repository` ('' for the repository as a whole). */
export function teamsOwning(teams: readonly Team[], repository: string, path = ''): string[] {
  const byPath: string[] = [];
  const whole: string[] = [];
  for (const team of teams) {
    for (const rule of team.owns) {
      const r = typeof rule === 'string' ? { repository: rule, paths: undefined } : rule;
      if (!repositoryMatches(r.repository, repository)) continue;
      if (r.paths === undefined || r.paths.length === 0) whole.push(team.name);
      else if (path !== '' && r.paths.some((p) => matcher(p)(path))) byPath.push(team.name);
    }
  }
  return [...new Set(byPath.length > 0 ? byPath : whole)];
}

/** A member entry as compared: e-mails lower-cased, names normalised. */
function memberKey(text: string): string {
  return text.includes('@') ? text.trim().toLowerCase() : normaliseName(text);
}

/** Names of the teams a person belongs to, given the person's names and e-mails. */
export function teamOfPerson(teams: readonly Team[], personKeys: readonly string[]): string[] {
  const keys = new Set(personKeys.map(memberKey));
  return teams.filter((t) => t.members.some((m) => keys.has(memberKey(m)))).map((t) => t.name);
}

/** Names of the teams an account (by e-mail) leads: `leads` in teams.yaml, compared without case. */
export function teamsLedBy(teams: readonly Team[], email: string): string[] {
  const e = email.trim().toLowerCase();
  return teams.filter((t) => (t.leads ?? []).some((l) => l.toLowerCase() === e)).map((t) => t.name);
}

/** Names of the teams a CODEOWNERS owner (`@org/team`, `@user`, e-mail) stands for. */
export function teamsOfHandle(teams: readonly Team[], handle: string): string[] {
  const h = handle.toLowerCase();
  const viaHandle = teams.filter((t) => t.handles.some((x) => x.toLowerCase() === h));
  if (viaHandle.length > 0) return viaHandle.map((t) => t.name);
  return h.includes('@') && !h.startsWith('@') ? teamOfPerson(teams, [handle]) : [];
}
