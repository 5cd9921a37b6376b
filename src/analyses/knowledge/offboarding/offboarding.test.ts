import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ADA, BOB, buildRepo, CY, cleanupTemp, tempDir } from '../../../../test/helpers/repo-builder.ts';
import { computeTruckFactor, readFiles, readHistory } from '../truck-factor/index.ts';
import { commitCountsOf, folderOf, offboarding } from './offboarding.ts';

afterAll(cleanupTemp);

describe('offboarding', () => {
  it('lists files that lose every author, per folder, most changed first', async () => {
    const dir = buildRepo(
      tempDir(),
      [
        { author: ADA, files: { 'api/a.ts': '1', 'api/b.ts': '1', 'web/w.ts': '1', 'main.ts': '1' } },
        { author: BOB, files: { 'web/v.ts': '1', 'api/c.ts': '1' } },
        { author: ADA, files: { 'api/b.ts': '2' } },
        { author: ADA, files: { 'api/b.ts': '3', 'web/w.ts': '2' } },
        { author: CY, files: { 'main.ts': '2' } },
      ],
      { bare: true },
    );
    const history = await readHistory(dir, 'main');
    const tf = computeTruckFactor({
      commits: history,
      files: await readFiles(dir, 'main'),
      isSource: () => true,
    });
    const r = offboarding({
      fileAuthors: tf.fileAuthors,
      leaving: ['ada@example.com'],
      commitCounts: commitCountsOf(history),
    });
    expect(r.orphaned.map((f) => [f.path, f.commits])).toEqual([
      ['api/b.ts', 3],
      ['web/w.ts', 2],
      ['api/a.ts', 1],
    ]);
    expect(r.folders).toEqual([
      { folder: 'api', files: 3, orphaned: 2, share: 2 / 3, commits: 4 },
      { folder: 'web', files: 2, orphaned: 1, share: 0.5, commits: 2 },
    ]);
  });

  it('groups by deeper folders when asked', () => {
    expect(folderOf('a/b/c.ts', 2)).toBe('a/b');
    expect(folderOf('a/c.ts', 2)).toBe('a');
    expect(folderOf('c.ts')).toBe('.');
  });

  it('never orphans fewer files when more people leave', () => {
    const people = ['a', 'b', 'c', 'd'];
    const authorsArb = fc.dictionary(
      fc.constantFrom('x.ts', 'y/z.ts', 'y/w.ts', 'q/r/s.ts', 't.ts'),
      fc.uniqueArray(fc.constantFrom(...people), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(authorsArb, fc.subarray(people), fc.subarray(people), (fileAuthors, some, more) => {
        const few = offboarding({ fileAuthors, leaving: some }).orphaned.length;
        const many = offboarding({ fileAuthors, leaving: [...some, ...more] }).orphaned.length;
        expect(many).toBeGreaterThanOrEqual(few);
      }),
    );
  });
});
