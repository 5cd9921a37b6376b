// Knowledge risks rolled up per team: which team owns each file (the repository's CODEOWNERS, owners
// mapped to teams through `handles` or members' e-mails; else teams.yaml), and what nobody owns
// (ownership.ts, the same function the scan's findings come from).
import type { Team } from '../../office/teams.ts';
import { teamOfPerson, teamsOfHandle, teamsOwning } from '../../office/teams.ts';
import type {
  StoredCodeOwnerRule,
  StoredKnowledgeFile,
  StoredPerson,
  StoredTruckFactor,
} from '../../store/people.ts';
import { compilePattern, findCodeownersFile } from '../codeowners/index.ts';
import { DAY } from './contributors.ts';
import { type OwnershipRuleId, ownershipGaps } from './ownership.ts';

export interface TeamRollup {
  team: string;
  members: number;
  activeMembers90d: number;
  repositories: string[];
  /** Lowest truck factor among the repositories and folders the team owns. */
  lowestTruckFactor: number | null;
  files: number;
  singleAuthorFiles: number;
  /** Files whose authors all made no commit in the 365 days before the snapshot. */
  filesWithoutActiveAuthor: number;
}

/** An ownership gap (ownership.ts), as the stored findings of the repository's snapshot have it. */
export interface Unowned {
  rule: OwnershipRuleId;
  severity: 'medium' | 'low';
  repository: string;
  folder: string | null;
  files: number;
}

/** Where ownership is declared: a teams.yaml in the workspace; CODEOWNERS paths present per repository. */
export interface OwnershipDeclared {
  teamsFile: boolean;
  codeownersFiles: ReadonlyMap<string, readonly string[]>;
}

export interface TeamsReport {
  teams: TeamRollup[];
  unowned: Unowned[];
}

function ownerFinder(teams: readonly Team[], rules: readonly StoredCodeOwnerRule[]) {
  const compiled = rules.map((r) => ({ ...r, matches: compilePattern(r.pattern) }));
  return (repository: string, path: string): string[] => {
    const rule = compiled.filter((r) => r.repository === repository).findLast((r) => r.matches(path));
    const viaFile = rule ? [...new Set(rule.owners.flatMap((o) => teamsOfHandle(teams, o)))] : [];
    return viaFile.length > 0 ? viaFile : teamsOwning(teams, repository, path);
  };
}

export function teamsReport(
  teams: readonly Team[],
  rules: readonly StoredCodeOwnerRule[],
  files: readonly StoredKnowledgeFile[],
  people: readonly StoredPerson[],
  tfs: readonly StoredTruckFactor[],
  declared: OwnershipDeclared,
): TeamsReport {
  const owners = ownerFinder(teams, rules);
  const lastSeen = new Map(people.map((p) => [`${p.repository}\0${p.personId}`, p.lastCommitTs]));
  const reference = new Map<string, number>();
  for (const p of people)
    reference.set(p.repository, Math.max(reference.get(p.repository) ?? 0, p.lastCommitTs));
  const roll = new Map<string, TeamRollup>(
    teams.map((t) => {
      const members = people.filter((p) => teamOfPerson([t], [...p.names, ...p.emails]).length > 0);
      const ids = new Set(members.map((p) => p.name));
      const active = new Set(members.filter((p) => p.commits90d > 0).map((p) => p.name));
      return [
        t.name,
        {
          team: t.name,
          members: Math.max(ids.size, t.members.length),
          activeMembers90d: active.size,
          repositories: [],
          lowestTruckFactor: null,
          files: 0,
          singleAuthorFiles: 0,
          filesWithoutActiveAuthor: 0,
        },
      ];
    }),
  );
  for (const f of files) {
    const names = owners(f.repository, f.path);
    const ref = reference.get(f.repository) ?? 0;
    const inactive =
      f.authors.length > 0 &&
      f.authors.every((a) => (lastSeen.get(`${f.repository}\0${a}`) ?? 0) <= ref - 365 * DAY);
    for (const n of names) {
      const r = roll.get(n)!;
      r.files += 1;
      if (f.authors.length === 1) r.singleAuthorFiles += 1;
      if (inactive) r.filesWithoutActiveAuthor += 1;
      if (!r.repositories.includes(f.repository)) r.repositories.push(f.repository);
    }
  }
  for (const tf of tfs) {
    const path = tf.scope === 'repository' ? '' : tf.subject === '.' ? '' : `${tf.subject}/`;
    const names = path === '' ? teamsOwning(teams, tf.repository) : owners(tf.repository, path);
    for (const n of names) {
      const r = roll.get(n)!;
      r.lowestTruckFactor = r.lowestTruckFactor === null ? tf.value : Math.min(r.lowestTruckFactor, tf.value);
    }
  }
  const unowned: Unowned[] = [];
  for (const repository of [...new Set(files.map((f) => f.repository))].sort()) {
    const present = findCodeownersFile(declared.codeownersFiles.get(repository) ?? []);
    const gaps = ownershipGaps({
      repository,
      files: files.filter((f) => f.repository === repository),
      teams,
      teamsFile: declared.teamsFile,
      codeowners: present === null ? null : rules.filter((r) => r.repository === repository),
    });
    for (const g of gaps)
      unowned.push({
        rule: g.rule,
        severity: g.severity,
        repository,
        folder: g.folder,
        files: g.files.length,
      });
  }
  for (const r of roll.values()) r.repositories.sort();
  return { teams: [...roll.values()], unowned };
}
