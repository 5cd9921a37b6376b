import { execFileSync } from 'node:child_process';
import { afterAll, expect, test } from 'vitest';
import { ADA, buildRepo, cleanupTemp, git, tempDir } from '../../../test/helpers/repo-builder.ts';
import { pairDiffer, pairHunks } from './follow.ts';

afterAll(cleanupTemp);

// Two versions where the indent heuristic moves the added lines (found by trying random files):
// with it, git puts the hunk after line 3; without it, after line 4.
const OLD = ['if (x) {', '    z();', '}', 'if (x) {', '    y();', 'if (x) {'];
const NEW = [
  'if (x) {',
  '    z();',
  '}',
  'if (x) {',
  '    z();',
  '    y();',
  'if (x) {',
  '    y();',
  'if (x) {',
];
const text = (lines: string[]) => `${lines.join('\n')}\n`;

/** The first hunk `git diff` (which reads the repository's configuration) gives for the two blobs. */
function gitHunk(gitDir: string, a: string, b: string): string {
  const out = execFileSync('git', [
    '--git-dir',
    gitDir,
    'diff',
    '-U0',
    '--diff-algorithm=myers',
    a,
    b,
  ]).toString();
  return /^@@ (-\S+ \+\S+) @@/m.exec(out)?.[1] ?? '';
}

test("the pair differ follows the repository's diff.indentHeuristic, as git diff and blame do", async () => {
  const dir = tempDir();
  const gitDir = buildRepo(
    dir,
    [
      { author: ADA, files: { 'x.c': text(OLD) } },
      { author: ADA, files: { 'x.c': text(NEW) } },
    ],
    {
      bare: true,
    },
  );
  const a = git(gitDir, ['rev-parse', 'HEAD~1:x.c']).trim();
  const b = git(gitDir, ['rev-parse', 'HEAD:x.c']).trim();
  const hunks: Record<string, string> = {};
  for (const setting of ['unset', 'false', 'true']) {
    if (setting !== 'unset') git(gitDir, ['config', 'diff.indentHeuristic', setting]);
    const differ = await pairDiffer(gitDir);
    try {
      const pair = await pairHunks(differ, a, b);
      const h = pair?.hunks[0];
      expect(pair?.hunks).toHaveLength(1);
      hunks[setting] = `-${h?.old[0]?.[0]},${h?.old[0]?.[1]} +${h?.start},${h?.count}`;
    } finally {
      differ.close();
    }
    expect(hunks[setting]).toBe(gitHunk(gitDir, a, b));
  }
  expect(hunks).toEqual({ unset: '-3,0 +4,3', false: '-4,0 +5,3', true: '-3,0 +4,3' });
});
