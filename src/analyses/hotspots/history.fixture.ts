// A history whose hotspots and coupling are known by construction, for the tests of the code analyses.
import { ADA, BOB, type CommitSpec } from '../../../test/helpers/repo-builder.ts';

const py = (k: number) => `def f():\n    if x:\n        return ${k}\n`;

/** a.py and b.py change together six times; a.py is then renamed and changed once more. */
export const HISTORY: CommitSpec[] = [
  {
    author: ADA,
    date: '2024-01-01T10:00:00Z',
    files: { 'src/a.py': py(0), 'src/b.py': 'x = 0\n', 'README.md': '# r\n' },
  },
  ...[1, 2, 3, 4, 5].map((k) => ({
    author: k % 2 ? BOB : ADA,
    date: `2024-01-0${k + 1}T10:00:00Z`,
    files: { 'src/a.py': py(k), 'src/b.py': `x = ${k}\n` },
  })),
  {
    author: ADA,
    date: '2024-05-20T10:00:00Z',
    renames: [['src/a.py', 'src/core/a.py']] as Array<[string, string]>,
  },
  {
    author: BOB,
    date: '2024-06-01T10:00:00Z',
    files: { 'src/core/a.py': `${py(9)}# done\n`, 'logo.png': Buffer.from([1, 0, 2]) },
  },
];
