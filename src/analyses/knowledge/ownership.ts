// What nobody owns in one repository: the files considered for the truck factor that no CODEOWNERS
// rule and no teams.yaml rule covers, grouped into the repository and its top-level folders. The scan
// stores the result as findings; `cto teams` computes it again from stored rows with this function.
// Definitions: docs/metrics/people.md ("Ownership findings") and docs/teams.md.
import type { Team } from '../../office/teams.ts';
import { teamsOwning } from '../../office/teams.ts';
import { indexRules } from '../../people/codeowners/index.ts';
import type { Finding } from '../types.ts';

/** A CODEOWNERS rule as read from the file or from `code_owners`; owners as written. */
interface OwnershipRule {
  pattern: string;
  owners: readonly string[];
}

interface OwnershipInput {
  repository: string;
  /** Files considered for the truck factor: path and top-level folder (root files: `.`). */
  files: readonly { path: string; folder: string }[];
  teams: readonly Team[];
  /** Whether the workspace has a teams.yaml (even one listing no team). */
  teamsFile: boolean;
  /** The repository's CODEOWNERS rules in file order; null when the repository has no CODEOWNERS file. */
  codeowners: readonly OwnershipRule[] | null;
}

export type OwnershipRuleId = 'unowned-repository' | 'unowned-folder' | 'no-ownership-declared';

interface OwnershipGap {
  rule: OwnershipRuleId;
  severity: 'medium' | 'low';
  /** The top-level folder (`.` for root files); null for the repository. */
  folder: string | null;
  /** The uncovered files, sorted. */
  files: string[];
}

/** A predicate telling whether a path is covered: by the deciding CODEOWNERS rule naming an owner, or by teams.yaml. */
function coverage(input: Omit<OwnershipInput, 'files'>): (path: string) => boolean {
  const rules = input.codeowners ?? [];
  const index = indexRules(rules.map((r) => r.pattern));
  return (path) => {
    const rule = rules[index.lastMatch(path)];
    if (rule && rule.owners.length > 0) return true;
    return teamsOwning(input.teams, input.repository, path).length > 0;
  };
}

/**
 * Ownership gaps of one repository. No file considered: none. Nothing declared (no teams.yaml and
 * no CODEOWNERS file): one `no-ownership-declared`. Otherwise `unowned-repository` when no file is
 * covered, else one `unowned-folder` per top-level folder none of whose files is covered (a folder
 * with some files covered is partly owned and not a gap).
 */
export function ownershipGaps(input: OwnershipInput): OwnershipGap[] {
  const all = input.files.map((f) => f.path).sort();
  if (all.length === 0) return [];
  if (!input.teamsFile && input.codeowners === null)
    return [{ rule: 'no-ownership-declared', severity: 'low', folder: null, files: all }];
  const covered = coverage(input);
  // A folder with one covered file is owned: its other files need no test.
  const byFolder = new Map<string, { files: string[]; covered: boolean }>();
  for (const f of input.files) {
    const e = byFolder.get(f.folder) ?? { files: [], covered: false };
    e.files.push(f.path);
    if (!e.covered && covered(f.path)) e.covered = true;
    byFolder.set(f.folder, e);
  }
  const entries = [...byFolder].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (entries.every(([, e]) => !e.covered))
    return [{ rule: 'unowned-repository', severity: 'medium', folder: null, files: all }];
  return entries
    .filter(([, e]) => !e.covered)
    .map(([folder, e]) => ({
      rule: 'unowned-folder' as const,
      severity: 'low' as const,
      folder,
      files: e.files.sort(),
    }));
}

const EVIDENCE_FILES = 50;

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The gaps as findings of the snapshot (subject: '' for the repository, else the folder). */
export function ownershipFindings(snapshotId: number, gaps: readonly OwnershipGap[]): Finding[] {
  return gaps.map((g) => {
    const n = g.files.length;
    const files = `${n} file${n === 1 ? '' : 's'} considered`;
    const where = g.folder === null ? '' : ` and folder = ${quote(g.folder)}`;
    const place = g.folder === '.' ? 'the root files' : `${g.folder}/`;
    const title =
      g.rule === 'no-ownership-declared'
        ? `No owner is declared for this repository: no teams.yaml in the workspace and no CODEOWNERS file (${files})`
        : g.rule === 'unowned-repository'
          ? `Nobody owns this repository: no CODEOWNERS or teams.yaml rule covers any of its ${files}`
          : `Nobody owns ${place}: no CODEOWNERS or teams.yaml rule covers any of its ${files}`;
    return {
      rule: g.rule,
      severity: g.severity,
      subject: g.folder ?? '',
      title,
      evidence: {
        files: g.files.slice(0, EVIDENCE_FILES),
        sql: `select path from knowledge_files where snapshot_id = ${snapshotId}${where} order by path`,
      },
    };
  });
}
