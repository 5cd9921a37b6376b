import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ADA,
  BOB,
  buildRepo,
  type CommitSpec,
  cleanupTemp,
  tempDir,
} from '../../test/helpers/repo-builder.ts';
import { currentGitBudget, withGitBudget } from './budget.ts';
import { streamGit } from './invoke.ts';
import { type CommitRecord, LOG_ARGS, LogParser } from './log.ts';
import { countCommits, logParts, partWindows, streamLogParts } from './log-ranges.ts';

afterAll(cleanupTemp);

async function bytes(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const all: Buffer[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}

function parsed(b: Buffer): CommitRecord[] {
  const p = new LogParser();
  return [...p.push(b), ...p.end()];
}

// The parts are spooled under a temporary directory of this file's own, so other processes on the
// machine spooling theirs meanwhile are not counted.
const ownTmp = tempDir();
process.env.TMPDIR = ownTmp;
const logTemps = () => readdirSync(tmpdir()).filter((n) => n.startsWith('cto-log-'));

describe('history read by several git processes', () => {
  const dir = tempDir();
  let gitDir = '';
  beforeAll(() => {
    // 40 commits with renames, a binary file, a side branch and its merge: every kind of record.
    const commits: CommitSpec[] = [];
    for (let i = 0; i < 36; i++) {
      commits.push({
        author: i % 2 ? ADA : BOB,
        files: {
          [`f${i % 7}.txt`]: `line ${i}\n`.repeat(i + 1),
          ...(i === 3 ? { 'b.bin': Buffer.from([0, i]) } : {}),
        },
        ...(i === 10 ? { renames: [['f1.txt', 'moved/f1.txt']] as Array<[string, string]> } : {}),
      });
    }
    commits.push({ branch: 'side', from: 20, files: { 'side.txt': 'side\n' } });
    commits.push({ branch: 'side', files: { 'side.txt': 'side\nmore\n' } });
    commits.push({ files: { 'main.txt': 'main\n' } });
    commits.push({ merge: [37], files: { 'side.txt': 'side\nmore\n' } });
    gitDir = buildRepo(dir, commits, { bare: true });
  });

  test('the parts print exactly what one process prints, for any number of parts', async () => {
    const one = await bytes(streamGit({ gitDir, args: [...LOG_ARGS, 'HEAD', '--'] }));
    const count = await countCommits(gitDir, 'HEAD');
    expect(count).toBe(40);
    expect(parsed(one)).toHaveLength(40);
    for (const parts of [2, 3, 4, 7]) {
      const split = await bytes(streamLogParts(gitDir, LOG_ARGS, 'HEAD', count, parts));
      expect(split.equals(one), `${parts} parts`).toBe(true);
    }
    // More parts than processes at once: the later parts wait for a process to end, in order.
    for (const concurrency of [1, 2, 3]) {
      const split = await bytes(streamLogParts(gitDir, LOG_ARGS, 'HEAD', count, 7, false, concurrency));
      expect(split.equals(one), `7 parts, ${concurrency} at once`).toBe(true);
    }
    expect(logTemps()).toEqual([]); // the spooled parts are removed
  });

  test('oldest first: the parts print exactly what one `git log --reverse` prints', async () => {
    const args = [...LOG_ARGS, '--topo-order'];
    const one = await bytes(streamGit({ gitDir, args: [...args, '--reverse', 'HEAD', '--'] }));
    const newest = parsed(await bytes(streamGit({ gitDir, args: [...args, 'HEAD', '--'] })));
    expect(parsed(one).map((c) => c.sha)).toEqual(newest.map((c) => c.sha).reverse());
    for (const parts of [2, 3, 7]) {
      const split = await bytes(streamLogParts(gitDir, args, 'HEAD', 40, parts, true));
      expect(split.equals(one), `${parts} parts`).toBe(true);
    }
    const waited = await bytes(streamLogParts(gitDir, args, 'HEAD', 40, 5, true, 1));
    expect(waited.equals(one), '5 parts one at a time').toBe(true);
    expect(logTemps()).toEqual([]);
  });

  test('an incremental range is split the same way', async () => {
    const range = 'HEAD~25..HEAD';
    const one = await bytes(streamGit({ gitDir, args: [...LOG_ARGS, range, '--'] }));
    const count = await countCommits(gitDir, range);
    const split = await bytes(streamLogParts(gitDir, LOG_ARGS, range, count, 3));
    expect(parsed(split).map((c) => c.sha)).toEqual(parsed(one).map((c) => c.sha));
    expect(split.equals(one)).toBe(true);
  });

  test("a part's failure ends the stream with git's error and leaves no files", async () => {
    const read = bytes(streamLogParts(gitDir, [...LOG_ARGS, '--no-such-option'], 'HEAD', 40, 3));
    await expect(read).rejects.toThrow(/git log failed/);
    // Parts still waiting for a process when the stream ends are never started.
    const queued = bytes(streamLogParts(gitDir, [...LOG_ARGS, '--no-such-option'], 'HEAD', 40, 6, false, 1));
    await expect(queued).rejects.toThrow(/git log failed/);
    expect(logTemps()).toEqual([]);
  });

  test('a spooled part is bounded by the output budget: git is stopped, the stream fails naming it', async () => {
    // Newer commits write longer files: oldest first in two parts, the older half streams through
    // this process and the newer, larger half is written to a file by git itself. A budget between
    // the two sizes stops only the file's.
    const growing = buildRepo(
      tempDir(),
      Array.from({ length: 40 }, (_, i) => ({
        author: ADA,
        files: { 'grow.txt': `line ${i}\n`.repeat(i * 20 + 1) },
      })),
      { bare: true },
    );
    const args = [...LOG_ARGS, '-p'];
    const part = (window: string) =>
      bytes(streamGit({ gitDir: growing, args: [...args, window, 'HEAD', '--'] }));
    const streamed = (await part('--skip=20')).length;
    const spooled = (await part('--max-count=20')).length;
    expect(spooled).toBeGreaterThan(2 * streamed);
    const budget = { ...currentGitBudget(), outputBytes: streamed + 1 };
    const read = withGitBudget(budget, () => bytes(streamLogParts(growing, args, 'HEAD', 40, 2, true)));
    await expect(read).rejects.toMatchObject({ code: 'GIT_BUDGET_EXCEEDED' });
    await expect(read).rejects.toThrow(/output budget/);
    expect(logTemps()).toEqual([]);
    // Within the budget the same parts read whole.
    const ample = { ...budget, outputBytes: spooled };
    const whole = await withGitBudget(ample, () => bytes(streamLogParts(growing, args, 'HEAD', 40, 2, true)));
    expect(whole.length).toBe(streamed + spooled);
  });

  test('a reader that stops early leaves no process waiting and no files', async () => {
    for await (const _ of streamLogParts(gitDir, LOG_ARGS, 'HEAD', 40, 6, false, 2)) break;
    expect(logTemps()).toEqual([]);
  });

  test('parts: one per core, none under the minimum size; windows cover every commit once', () => {
    expect(logParts(1_000, 2)).toBe(1);
    expect(logParts(4_000, 2)).toBe(2);
    expect(logParts(100_000, 2)).toBe(2);
    expect(logParts(100_000, 16)).toBe(4);
    // Several parts per process: no more than the minimum size allows.
    expect(logParts(100_000, 2, 4)).toBe(8);
    expect(logParts(9_000, 2, 4)).toBe(4);
    expect(logParts(100_000, 16, 4)).toBe(16);
    expect(partWindows(10, 3)).toEqual([
      { skip: 0, count: 4 },
      { skip: 4, count: 4 },
      { skip: 8, count: null },
    ]);
  });
});
