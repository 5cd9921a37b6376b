import { describe, expect, it } from 'vitest';
import { pseudonym } from '../../people/pseudonym.ts';
import type { StoredKnowledgeFile, StoredPerson } from '../../store/people.ts';
import { buildDirectory, resolveLeaving } from './directory.ts';
import { leaveReport } from './leave.ts';

function person(repository: string, personId: string, name: string, emails: string[]): StoredPerson {
  return {
    repository,
    snapshotId: 1,
    personId,
    name,
    names: [name],
    emails,
    bot: false,
    commits: 1,
    linesAdded: 0,
    linesDeleted: 0,
    firstCommitAt: '2024-01-01',
    lastCommitAt: '2024-01-01',
    lastCommitTs: 0,
    commits90d: 0,
    commits365d: 0,
  };
}

const file = (path: string, authors: string[], commits: number, lines: number): StoredKnowledgeFile => ({
  repository: 'r',
  path,
  folder: path.includes('/') ? path.slice(0, path.indexOf('/')) : '.',
  commits,
  commits365d: commits,
  lines,
  authors,
});

const DIRECTORY = buildDirectory(
  [person('r', 'p-a', 'José Silva', ['jose@example.com']), person('r', 'p-b', 'Bea', ['bea@example.com'])],
  {},
);

describe('off-boarding at query time', () => {
  it('resolves names regardless of accents and case, and e-mails', () => {
    const { ids, unknown } = resolveLeaving(DIRECTORY, ['jose silva', 'BEA@example.com', 'ghost']);
    expect(ids).toHaveLength(2);
    expect(unknown).toEqual(['ghost']);
  });

  it('counts files, lines and blame lines that lose every author', () => {
    const jose = resolveLeaving(DIRECTORY, ['jose@example.com']).ids;
    const files = [
      file('src/a.ts', ['p-a'], 5, 10),
      file('src/b.ts', ['p-a', 'p-b'], 9, 20),
      file('x.ts', ['p-a'], 1, 3),
    ];
    const blame = [
      {
        repository: 'r',
        path: 'src/a.ts',
        authorName: 'José Silva',
        authorEmail: 'jose@example.com',
        lines: 10,
      },
      {
        repository: 'r',
        path: 'src/b.ts',
        authorName: 'José Silva',
        authorEmail: 'jose@example.com',
        lines: 5,
      },
      { repository: 'r', path: 'src/b.ts', authorName: 'Bea', authorEmail: 'bea@example.com', lines: 15 },
    ];
    const [r] = leaveReport(files, blame, DIRECTORY, jose);
    expect(r).toMatchObject({ files: 3, orphanedFiles: 2, orphanedLines: 13 });
    expect(r!.hotspots.map((h) => h.path)).toEqual(['src/a.ts', 'x.ts']);
    expect(r!.blame).toEqual({ lines: 30, linesLost: 15, files: 2, filesLost: 1 });
    expect(leaveReport(files, null, DIRECTORY, jose)[0]!.blame).toBeNull();
    const both = leaveReport(
      files,
      blame,
      DIRECTORY,
      resolveLeaving(DIRECTORY, ['Bea', 'José Silva']).ids,
    )[0]!;
    expect(both.orphanedFiles).toBe(3);
    expect(both.blame?.linesLost).toBe(30);
  });

  it('gives stable pseudonyms', () => {
    expect(pseudonym('p-a')).toBe(pseudonym('p-a'));
    expect(pseudonym('p-a')).toMatch(/^person-[0-9a-f]{8}$/);
    expect(pseudonym('p-a')).not.toBe(pseudonym('p-b'));
  });
});
