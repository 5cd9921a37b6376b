// Knowledge risks rolled up per team: which team owns each file (the repository's CODEOWNERS, owners
// mapped to teams through `handles` or members' e-mails; else teams.yaml), and what nobody owns
// (ownership.ts, the same function the scan's findings come from).
import type { Team } from '../../office/teams.ts';
import { teamOfPerson, teamsOfHandle, teamsOwning } from '../../office/teams.ts';
import { findCodeownersFile, indexRules, type RuleIndex } from '../../people/codeowners/index.ts';
import type {
  StoredCodeOwnerRule,
  StoredKnowledgeFile,
  StoredPerson,
  StoredTruckFactor,
} from '../../store/people.ts';
import { isDeparted } from './departed.ts';
import { type OwnershipRuleId, ownershipGaps } from './ownership.ts';

interface TeamRollup {
  team: string;
  members: number;
  activeMembers90d: number;
  repositories: string[];
  /** Lowest truck factor among the repositories and folders the team owns. */
  lowestTruckFactor: number | null;
  files: number;
  singleAuthorFiles: number;
  /** Files whose authors all made no commit in the 365 days before the reference date. */
  filesWithoutActiveAuthor: number;
}

/** An ownership gap (ownership.ts), as the stored findings of the repository's snapshot have it. */
interface Unowned {
  rule: OwnershipRuleId;
  severity: 'medium' | 'low';
  repository: string;
  folder: string | null;
  files: number;
}

/** Where ownership is declared: a teams.yaml in the workspace; CODEOWNERS paths present per repository. */
interface OwnershipDeclared {
  teamsFile: boolean;
  codeownersFiles: ReadonlyMap<string, readonly string[]>;
}

interface TeamsReport {
  teams: TeamRollup[];
  unowned: Unowned[];
}

/** Each repository's rules in file order, with an index built on first use. */
function rulesByRepository(rules: readonly StoredCodeOwnerRule[]) {
  const out = new Map<string, { rules: StoredCodeOwnerRule[]; index?: RuleIndex }>();
  for (const r of rules) {
    const entry = out.get(r.repository);
    if (entry) entry.rules.push(r);
    else out.set(r.repository, { rules: [r] });
  }
  return out;
}

function ownerFinder(teams: readonly Team[], byRepository: ReturnType<typeof rulesByRepository>) {
  const teamsOfRule = new Map<StoredCodeOwnerRule, string[]>();
  return (repository: string, path: string): string[] => {
    const entry = byRepository.get(repository);
    let viaFile: string[] = [];
    if (entry) {
      entry.index ??= indexRules(entry.rules.map((r) => r.pattern));
      const rule = entry.rules[entry.index.lastMatch(path)];
      if (rule) {
        viaFile = teamsOfRule.get(rule) ?? [...new Set(rule.owners.flatMap((o) => teamsOfHandle(teams, o)))];
        teamsOfRule.set(rule, viaFile);
      }
    }
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
  referenceTs: number,
): TeamsReport {
  const byRepository = rulesByRepository(rules);
  const owners = ownerFinder(teams, byRepository);
  const lastSeen = new Map(people.map((p) => [`${p.repository}\0${p.personId}`, p.lastCommitTs]));
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
  const repositoriesOf = new Map(teams.map((t) => [t.name, new Set<string>()]));
  for (const f of files) {
    const names = owners(f.repository, f.path);
    const inactive =
      f.authors.length > 0 &&
      f.authors.every((a) => isDeparted(lastSeen.get(`${f.repository}\0${a}`), referenceTs));
    for (const n of names) {
      const r = roll.get(n)!;
      r.files += 1;
      if (f.authors.length === 1) r.singleAuthorFiles += 1;
      if (inactive) r.filesWithoutActiveAuthor += 1;
      repositoriesOf.get(n)?.add(f.repository);
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
  const filesByRepository = new Map<string, StoredKnowledgeFile[]>();
  for (const f of files) {
    const list = filesByRepository.get(f.repository);
    if (list) list.push(f);
    else filesByRepository.set(f.repository, [f]);
  }
  for (const repository of [...filesByRepository.keys()].sort()) {
    const present = findCodeownersFile(declared.codeownersFiles.get(repository) ?? []);
    const gaps = ownershipGaps({
      repository,
      files: filesByRepository.get(repository) ?? [],
      teams,
      teamsFile: declared.teamsFile,
      codeowners: present === null ? null : (byRepository.get(repository)?.rules ?? []),
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
  for (const r of roll.values()) r.repositories = [...(repositoriesOf.get(r.team) ?? [])].sort();
  return { teams: [...roll.values()], unowned };
}
