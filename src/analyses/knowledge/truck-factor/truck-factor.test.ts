import { afterAll, describe, expect, it } from 'vitest';
import {
  ADA,
  BOB,
  buildRepo,
  type CommitSpec,
  CY,
  cleanupTemp,
  type Person,
  tempDir,
} from '../../../../test/helpers/repo-builder.ts';
import { readFiles, readHistory } from './history.ts';
import { computeTruckFactor, type TruckFactorInput } from './truck-factor.ts';

afterAll(cleanupTemp);

const isSource = (p: string) => p.endsWith('.ts');

function adds(author: Person, paths: string[]): CommitSpec {
  return { author, files: Object.fromEntries(paths.map((p) => [p, `// ${p} by ${author.name}\n`])) };
}

async function analyse(commits: CommitSpec[], extra: Partial<TruckFactorInput> = {}) {
  const dir = buildRepo(tempDir(), commits, { bare: true });
  const history = await readHistory(dir, 'main');
  const files = await readFiles(dir, 'main');
  return computeTruckFactor({ commits: history, files, isSource, ...extra });
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}.ts`);

describe('computeTruckFactor on built repositories', () => {
  it('is 1 when one developer authors most files', async () => {
    const r = await analyse([
      adds(ADA, range('src/a', 6)),
      adds(BOB, range('src/b', 2)),
      adds(CY, ['README.md']),
    ]);
    expect(r.truckFactor).toBe(1);
    expect(r.files).toBe(8);
    expect(r.removed).toEqual([{ person: 'ada@example.com', files: 6, share: 0.75 }]);
    expect(r.fileAuthors['src/b0.ts']).toEqual(['bob@example.com']);
  });

  it('is 2 when two developers each hold 40% and removes them in a fixed order', async () => {
    const commits = [adds(BOB, range('lib/b', 4)), adds(ADA, range('lib/a', 4)), adds(CY, range('app/c', 2))];
    const r = await analyse(commits);
    expect(r.truckFactor).toBe(2);
    // Equal files and equal changes: the smaller id goes first, whatever the history order.
    expect(r.removed.map((p) => p.person)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(r.coverageLeft).toBeCloseTo(0.2);
    expect(r.folders.map((f) => [f.folder, f.truckFactor])).toEqual([
      ['app', 1],
      ['lib', 2],
    ]);
  });

  it('follows renames back to the original author and ignores merges', async () => {
    const r = await analyse([
      adds(ADA, ['old/core.ts', 'x.ts']),
      { author: BOB, renames: [['old/core.ts', 'src/core.ts']] },
      { author: BOB, files: { 'src/core.ts': '// changed\n' } },
      { author: CY, branch: 'side', from: 2, files: { 'side.ts': '// side\n' } },
      { author: BOB, merge: [3], files: { 'merged.ts': '// made in the merge\n', 'side.ts': '// side\n' } },
    ]);
    const core = r.authorship['src/core.ts']!;
    expect(core.map((a) => [a.person, a.added, a.deliveries, a.acceptances])).toEqual([
      ['ada@example.com', true, 0, 2],
      ['bob@example.com', false, 2, 0],
    ]);
    expect(core.every((a) => a.author)).toBe(true);
    expect(r.withoutHistory).toEqual(['merged.ts']);
    expect(r.fileAuthors['side.ts']).toEqual(['cy@example.com']);
  });

  it('honours exclusions, ignored people and a person mapping', async () => {
    const commits = [adds(ADA, range('gen/a', 5)), adds(BOB, range('src/b', 3))];
    const r = await analyse(commits, { exclude: ['/gen/'] });
    expect(r.files).toBe(3);
    expect(r.removed.map((p) => p.person)).toEqual(['bob@example.com']);
    const merged = await analyse(commits, { personOf: () => 'everyone' });
    expect(merged.removed).toEqual([{ person: 'everyone', files: 8, share: 1 }]);
    const noAda = await analyse(commits, { ignorePeople: new Set(['ada@example.com']) });
    expect(noAda.files).toBe(3);
  });
});
