// `cto code` across repositories: totals per language and a SUM row, like cloc's.
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cto } from '../../test/helpers/cli.ts';
import { buildRepo, cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';

afterAll(cleanupTemp);

test('cto code prints totals per language across repositories and a SUM row; JSON has them as portfolio', () => {
  const root = tempDir();
  buildRepo(join(root, 'api'), [
    { files: { 'a.py': '# one\nx = 1\n\ny = 2\n', 'b.py': 'z = 3\n', 'c.go': 'package c\n' } },
  ]);
  buildRepo(join(root, 'web'), [{ files: { 'd.py': 'w = 4\n', 'e.go': 'package e\n\nvar f = 1\n' } }]);
  const ws = tempDir();
  expect(cto(['scan', root, '--workspace', ws]).code).toBe(0);

  const doc = JSON.parse(cto(['code', '--json', '--workspace', ws]).stdout);
  expect(doc.portfolio).toEqual({
    repositories: 2,
    languages: [
      { language: 'Python', files: 3, code: 4, comment: 1, blank: 1 },
      { language: 'Go', files: 2, code: 3, comment: 0, blank: 1 },
    ],
    total: { files: 5, code: 7, comment: 1, blank: 2 },
  });

  const text = cto(['code', '--workspace', ws]).stdout;
  expect(text).toMatch(
    /All 2 repositories:\nlanguage +files +code +comment +blank\nPython +3 +4 +1 +1\nGo +2 +3 +0 +1\nSUM +5 +7 +1 +2\n/,
  );
  // One repository: its (total) row is the sum; no portfolio table.
  expect(cto(['code', 'api', '--workspace', ws]).stdout).not.toContain('SUM');
});
