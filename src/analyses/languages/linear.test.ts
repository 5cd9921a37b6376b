// The languages analysis does linear work in the files (counted, not timed): many files with the
// same content, and a .gitattributes file in every folder.
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo, cleanupTemp, git, tempDir } from '../../../test/helpers/repo-builder.ts';
import { workGrowth } from '../../../test/helpers/work-counter.ts';
import type { TreeFile } from '../../store/code.ts';
import { parseGitattributes } from './gitattributes.ts';
import { measureFiles } from './measure.ts';

afterAll(cleanupTemp);

describe('parseGitattributes', () => {
  it('tests a path only against the files of the folders it is in', async () => {
    const make = (n: number) => ({
      files: Array.from({ length: n }, (_, i) => ({
        path: `m${i}/.gitattributes`,
        content: `*.gen linguist-generated\n`,
      })),
      paths: Array.from({ length: n }, (_, i) => `m${i}/sub/a${i}.gen`),
    });
    const growth = await workGrowth(500, 4, make, ({ files, paths }) => {
      const matcher = parseGitattributes(files);
      for (const p of paths) matcher.attributesFor(p);
    });
    expect(growth).toBeLessThan(6); // every rule for every path: about 16
  });

  it('still lets deeper files and later lines win', () => {
    const m = parseGitattributes([
      { path: 'a/b/.gitattributes', content: '*.js -linguist-vendored\n' },
      { path: '.gitattributes', content: '*.js linguist-vendored\n*.js linguist-language=TypeScript\n' },
      { path: 'a/.gitattributes', content: '*.js linguist-language=JavaScript\nb/*.js linguist-generated\n' },
    ]);
    expect(m.attributesFor('a/b/x.js')).toEqual({
      'linguist-vendored': false,
      'linguist-language': 'JavaScript',
      'linguist-generated': true,
    });
    expect(m.attributesFor('c/x.js')).toEqual({
      'linguist-vendored': true,
      'linguist-language': 'TypeScript',
    });
  });
});

describe('measureFiles', () => {
  it('does linear work when many files share one blob (empty __init__.py files)', async () => {
    const dir = buildRepo(tempDir(), [{ files: { '__init__.py': '' } }], { bare: true });
    const blobId = git(dir, ['rev-parse', 'HEAD:__init__.py']).trim();
    const make = (n: number): TreeFile[] =>
      Array.from({ length: n }, (_, i) => ({ path: `p${i}/__init__.py`, blobId, size: 0, isBinary: 0 }));
    const growth = await workGrowth(2000, 4, make, (files) => measureFiles(dir, files, []));
    expect(growth).toBeLessThan(6); // the list of files of the blob copied for each: about 16
    const { rows } = await measureFiles(dir, make(3), []);
    expect(rows.map((r) => [r.path, r.language, r.measured])).toEqual([
      ['p0/__init__.py', 'Python', 1],
      ['p1/__init__.py', 'Python', 1],
      ['p2/__init__.py', 'Python', 1],
    ]);
  });
});
