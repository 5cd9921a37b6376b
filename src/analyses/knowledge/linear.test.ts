// The knowledge analysis and `cto teams` do linear work in the files (counted, not timed): files in
// many folders, CODEOWNERS with a rule per file, folders whose authors all left.
import { describe, expect, it } from 'vitest';
import { workGrowth } from '../../../test/helpers/work-counter.ts';
import type { StoredCodeOwnerRule, StoredKnowledgeFile } from '../../store/people.ts';
import { knowledgeOf } from './compute.ts';
import type { Contributor } from './contributors.ts';
import { knowledgeFindings } from './findings.ts';
import { ownershipGaps } from './ownership.ts';
import { teamsReport } from './teams-view.ts';

const DAY = 86_400;

describe('ownershipGaps', () => {
  it('does linear work with a CODEOWNERS rule for every file', async () => {
    const make = (n: number) => ({
      repository: 'big',
      files: Array.from({ length: n }, (_, i) => ({ path: `m${i}/f.ts`, folder: `m${i}` })),
      teams: [],
      teamsFile: false,
      codeowners: Array.from({ length: n }, (_, i) => ({ pattern: `/m${i}/f.ts`, owners: ['@acme/web'] })),
    });
    const growth = await workGrowth(1000, 4, make, (input) => ownershipGaps(input));
    expect(growth).toBeLessThan(6); // every rule tested for every file: about 16
    const half = make(4);
    expect(ownershipGaps({ ...half, codeowners: half.codeowners.slice(0, 2) })).toEqual([
      { rule: 'unowned-folder', severity: 'low', folder: 'm2', files: ['m2/f.ts'] },
      { rule: 'unowned-folder', severity: 'low', folder: 'm3', files: ['m3/f.ts'] },
    ]);
  });
});

describe('teamsReport', () => {
  it('does linear work in the files of many repositories with a CODEOWNERS rule for each', async () => {
    const make = (n: number) => {
      const files: StoredKnowledgeFile[] = [];
      const rules: StoredCodeOwnerRule[] = [];
      for (let i = 0; i < n; i++) {
        const repository = `r${i % 50}`;
        files.push({
          repository,
          path: `m${i}/f.ts`,
          folder: `m${i}`,
          commits: 1,
          commits365d: 1,
          lines: 1,
          authors: ['p'],
        });
        rules.push({
          repository,
          source: 'CODEOWNERS',
          line: i + 1,
          pattern: `/m${i}/`,
          owners: ['@acme/web'],
        });
      }
      const teams = [{ name: 'Web', members: [], handles: ['@acme/web'], owns: [] }];
      return { files, rules, teams };
    };
    const growth = await workGrowth(1000, 4, make, ({ files, rules, teams }) =>
      teamsReport(teams, rules, files, [], [], { teamsFile: true, codeownersFiles: new Map() }, 0),
    );
    expect(growth).toBeLessThan(6); // every repository's rules filtered for every file: about 16
    const { files, rules, teams } = make(100);
    const report = teamsReport(
      teams,
      rules,
      files,
      [],
      [],
      { teamsFile: true, codeownersFiles: new Map() },
      0,
    );
    expect(report.teams[0]).toMatchObject({ team: 'Web', files: 100 });
    expect(report.teams[0]?.repositories).toHaveLength(50);
  });
});

describe('knowledgeOf and knowledgeFindings', () => {
  it('do linear work when every folder lost its authors', async () => {
    const make = (n: number) => {
      const files = Array.from({ length: n }, (_, i) => ({
        path: `m${i}/f.ts`,
        lines: 1,
        isBinary: 0,
        size: 2,
      }));
      const commits = [
        {
          sha: 'c1',
          parents: [],
          authorName: 'Ada',
          authorEmail: 'ada@example.com',
          authorDate: '2020-01-01T00:00:00Z',
          authorTs: 1_577_836_800,
          committerTs: 1_577_836_800,
          linesAdded: n,
          linesDeleted: 0,
        },
      ];
      const changes = files.map((f) => ({ commitSha: 'c1', path: f.path, oldPath: null, status: 'A' }));
      return { files, commits, changes };
    };
    const referenceTs = 1_577_836_800 + 1000 * DAY;
    const ada: Contributor = {
      personId: 'ada',
      name: 'Ada',
      names: ['Ada'],
      emails: ['ada@example.com'],
      bot: false,
      commits: 1,
      linesAdded: 0,
      linesDeleted: 0,
      firstCommitAt: '2020-01-01T00:00:00Z',
      firstCommitTs: 1_577_836_800,
      lastCommitAt: '2020-01-01T00:00:00Z',
      lastCommitTs: 1_577_836_800,
      commits90d: 0,
      commits365d: 0,
    };
    // Someone still commits (to none of these files), so the repository is not dormant.
    const bob: Contributor = {
      ...ada,
      personId: 'bob',
      name: 'Bob',
      names: ['Bob'],
      emails: ['bob@example.com'],
      lastCommitAt: new Date((referenceTs - DAY) * 1000).toISOString(),
      lastCommitTs: referenceTs - DAY,
      commits90d: 1,
      commits365d: 1,
    };
    const run = (input: ReturnType<typeof make>, contributors = [ada, bob]) => {
      const knowledge = knowledgeOf({
        ...input,
        referenceTs,
        personOf: () => 'ada',
        bots: new Set(),
        isSource: () => true,
        exclude: [],
      });
      return knowledgeFindings({
        snapshotId: 1,
        knowledge,
        contributors,
        referenceTs,
        ownerOf: () => undefined,
      });
    };
    const growth = await workGrowth(1000, 4, make, run);
    expect(growth).toBeLessThan(6); // each folder's files looked for among all files: about 16
    const findings = await run(make(3));
    expect(findings.map((f) => [f.rule, f.subject, f.evidence?.files])).toEqual([
      ['knowledge-departed', '', undefined],
      ['truck-factor-one', '', undefined],
      ['folder-authors-inactive', 'm0', ['m0/f.ts']],
      ['folder-authors-inactive', 'm1', ['m1/f.ts']],
      ['folder-authors-inactive', 'm2', ['m2/f.ts']],
    ]);
    // Nobody committed in the window: the repository is dormant, said once with its last commit's
    // day, and not again folder by folder.
    const dormant = await run(make(3), [ada]);
    expect(dormant.map((f) => [f.rule, f.severity, f.title])).toEqual([
      [
        'knowledge-departed',
        'high',
        'Dormant since 2020-01-01: no commit in the 365 days before the reference date, so nobody active knows its code; archive it, or name who maintains it',
      ],
    ]);
  });
});
