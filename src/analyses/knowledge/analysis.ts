// The knowledge analysis: contributors (identities through .mailmap and the workspace's people
// configuration), truck factor of the repository and its top-level folders with per-file authors,
// CODEOWNERS rules, the knowledge-risk findings and what nobody owns. Reads stored facts; only the
// .mailmap and CODEOWNERS blobs come from git, from the scanned commit's tree.
import type { Diagnostic } from '../../collectors/types.ts';
import { loadPeopleConfig } from '../../office/people.ts';
import { hasTeamsFile, loadTeams, teamsOfHandle, teamsOwning } from '../../office/teams.ts';
import { CODEOWNERS_LOCATIONS, ownersOf } from '../../people/codeowners/index.ts';
import { historyFactChunks } from '../../store/history-chunks.ts';
import { treeFiles } from '../../store/people.ts';
import type { TableRow } from '../../store/store.ts';
import { classify } from '../languages/index.ts';
import type { Analysis } from '../types.ts';
import { knowledgeFromTally } from './compute.ts';
import { contributorsOf } from './contributors.ts';
import { knowledgeFindings, knowledgeMetrics } from './findings.ts';
import { ownershipFindings, ownershipGaps } from './ownership.ts';
import { contributorRows, fileRows } from './rows.ts';
import { KnowledgeTally } from './tally.ts';
import { readCodeowners, readMailmap } from './tree-text.ts';

/** Source files: a programming or markup language by path (languages module), not vendored, generated or documentation. */
function isSourcePath(path: string): boolean {
  return classify(path, null).detectable;
}

const TREE_TEXTS = new Set(['.mailmap', ...CODEOWNERS_LOCATIONS]);

export const knowledgeAnalysis: Analysis = {
  id: 'knowledge',
  version: 4,
  area: 'team-knowledge',
  writes: ['people', 'person_months', 'person_days', 'knowledge_files', 'file_authors', 'code_owners'],
  metrics: [
    'truck-factor',
    'truck-factor-active',
    'active-key-people',
    'truck-factor-files',
    'single-author-files',
    'contributors',
    'active-contributors-90d',
    'active-contributors-365d',
  ],
  rules: [
    'truck-factor-one',
    'knowledge-departed',
    'folder-authors-inactive',
    'single-author-hotspot',
    'no-ownership-declared',
    'unowned-repository',
    'unowned-folder',
  ],
  reads: ['teams', 'people', 'config:people', 'reference-date'],
  needs: ['history', 'tree'],
  async run(ctx) {
    const diagnostics: Diagnostic[] = [];
    const people = loadPeopleConfig(ctx.workspaceDir, ctx.config);
    const teams = loadTeams(ctx.workspaceDir);
    const files = await treeFiles(ctx.store, ctx.snapshotId);
    // The few files read from the tree, by path (not a map of every file).
    const byPath = new Map(files.filter((f) => TREE_TEXTS.has(f.path)).map((f) => [f.path, f]));
    const mailmap = await readMailmap(ctx, byPath.get('.mailmap'), diagnostics);
    // Windows count back from the scan's reference date, never from the last commit (docs/risk.md).
    const referenceTs = ctx.referenceTs;
    // The history is read a chunk of commits at a time into sums per identity, day and path.
    const tally = new KnowledgeTally(referenceTs);
    for await (const chunk of historyFactChunks(ctx.store, ctx.segments))
      tally.add(chunk.commits, chunk.changes);
    const { identities, contributors, months, days } = contributorsOf(tally, {
      ...(mailmap ? { mailmap } : {}),
      aliases: people.aliases,
      botPatterns: people.botPatterns,
    });
    const bots = new Set(contributors.filter((c) => c.bot).map((c) => c.personId));
    const knowledge = knowledgeFromTally(tally, {
      files,
      personOf: (identity) => identities.personOf(identity),
      bots,
      isSource: isSourcePath,
      exclude: people.exclude,
    });
    const { path: coPath, codeowners } = await readCodeowners(ctx, byPath, diagnostics);
    const ownerOf = (path: string): string | undefined => {
      const fromFile =
        codeowners && path !== ''
          ? ownersOf(codeowners, path).flatMap((o) => teamsOfHandle(teams, o.value))
          : [];
      const names = fromFile.length > 0 ? fromFile : teamsOwning(teams, ctx.repositoryName, path);
      return names.length > 0 ? [...new Set(names)].join(', ') : undefined;
    };
    const input = { snapshotId: ctx.snapshotId, knowledge, contributors, referenceTs, ownerOf };
    const ownerRows: TableRow<'code_owners'>[] = (codeowners?.rules ?? []).map((r) => ({
      snapshot_id: ctx.snapshotId,
      source: codeowners!.path,
      line: r.line,
      pattern: r.pattern,
      owners: r.owners.map((o) => o.value).join(' '),
    }));
    const gaps = ownershipGaps({
      repository: ctx.repositoryName,
      files: knowledge.files,
      teams,
      teamsFile: hasTeamsFile(ctx.workspaceDir),
      codeowners:
        coPath === null
          ? null
          : (codeowners?.rules ?? []).map((r) => ({
              pattern: r.pattern,
              owners: r.owners.map((o) => o.value),
            })),
    });
    return {
      metrics: knowledgeMetrics(input),
      findings: [...knowledgeFindings(input), ...ownershipFindings(ctx.snapshotId, gaps)],
      diagnostics,
      tables: {
        ...contributorRows(ctx.snapshotId, contributors, months, days),
        ...fileRows(ctx.snapshotId, knowledge),
        code_owners: ownerRows,
      },
    };
  },
};
