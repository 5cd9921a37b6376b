import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { buildRepo, type CommitSpec, cleanupTemp, git, tempDir } from '../../../test/helpers/repo-builder.ts';
import { countsFinalLine } from './follow.ts';
import { type RenameFile, renameSource, SimilarityTarget, similarity, spans } from './rename-source.ts';

afterAll(() => cleanupTemp());

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'x'.repeat(70), '', '  }', 'return 0;'];

/** File contents made of few distinct lines, so random pairs land on both sides of 50%. */
const content = fc
  .record({
    lines: fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.nat(6)), { minLength: 0, maxLength: 40 }),
    crlf: fc.boolean(),
    lastNewline: fc.boolean(),
  })
  .map(({ lines, crlf, lastNewline }) => {
    const eol = crlf ? '\r\n' : '\n';
    const body = lines.map(([w, n]) => `${w} ${n}`).join(eol);
    return body + (lastNewline && lines.length > 0 ? eol : '');
  });

/** An edited copy: some lines dropped, changed or added. */
const edited = (base: string, edits: Array<[number, number]>): string => {
  const ls = base.split('\n');
  for (const [at, kind] of edits) {
    const i = at % (ls.length + 1);
    if (kind === 0) ls.splice(i, 1);
    else if (kind === 1) ls[i] = `changed ${at}`;
    else ls.splice(i, 0, `added ${at}`);
  }
  return ls.join('\n');
};

const pairs = fc.array(
  fc
    .tuple(content, fc.array(fc.tuple(fc.nat(60), fc.nat(2)), { maxLength: 12 }))
    .map(([a, edits]) => [a, edited(a, edits)] as const),
  { minLength: 40, maxLength: 40 },
);

test('the similarity estimate gives the score git prints for a rename, or no rename below 50%', async () => {
  const [sample] = fc.sample(pairs, { numRuns: 1, seed: 7 });
  const list = sample ?? [];
  const commits: CommitSpec[] = [{ files: Object.fromEntries(list.map(([a], i) => [`src/s${i}.txt`, a])) }];
  list.forEach(([, b], i) => {
    commits.push({ files: { [`src/s${i}.txt`]: null, [`dst/d${i}.txt`]: b } });
  });
  const dir = buildRepo(join(tempDir(), 'sim'), commits);
  const finalLine = await countsFinalLine(join(dir, '.git'));
  const log = git(dir, ['log', '--reverse', '--format=tformat:@', '--name-status', '-M', 'HEAD'])
    .split('@\n')
    .slice(2);
  list.forEach(([a, b], i) => {
    const score = similarity(spans(Buffer.from(a), finalLine), spans(Buffer.from(b), finalLine), 30_000);
    const pct = a === b ? 100 : Math.trunc((score * 100) / 60_000);
    const expected = a === b || score >= 30_000 ? `R${String(pct).padStart(3, '0')}` : 'A';
    const status = /^(R\d+|A)\t/m.exec(log[i] ?? '')?.[1];
    expect(status, `pair ${i}: ${JSON.stringify([a, b])}`).toBe(expected);
  });
});

/** Sources deleted and destinations added in one commit, built from shared pieces. */
const scenario = fc.record({
  sources: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'util'), content), {
    minLength: 1,
    maxLength: 4,
  }),
  dests: fc.array(
    fc.tuple(
      fc.constantFrom('a', 'b', 'c', 'util', 'x', 'y'),
      fc.array(fc.tuple(fc.nat(3), fc.nat(40), fc.nat(40)), { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(fc.nat(60), fc.nat(2)), { maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
});

test('the source blame follows for a new path is the one the single-destination search picks', async () => {
  const sample = fc.sample(scenario, { numRuns: 15, seed: 11 });
  const commits: CommitSpec[] = [];
  const cases: Array<{ dst: RenameFile; sources: RenameFile[] }> = [];
  sample.forEach((s, j) => {
    const srcFiles = new Map<string, string>();
    for (const [k, [name, text]] of s.sources.entries()) srcFiles.set(`${j}/old${k % 2}/${name}.txt`, text);
    const srcList = [...srcFiles];
    const dstFiles = new Map<string, string>();
    s.dests.forEach(([name, parts, edits], k) => {
      const text = parts
        .map(([which, from, len]) => {
          const lines = (srcList[which % srcList.length]?.[1] ?? '').split('\n');
          return lines.slice(from % (lines.length || 1), (from % (lines.length || 1)) + len).join('\n');
        })
        .join('\n');
      dstFiles.set(`${j}/new${k % 2}/${name}.txt`, `${edited(text, edits)}\n`);
    });
    for (const p of dstFiles.keys()) srcFiles.delete(p);
    commits.push({ files: Object.fromEntries(srcFiles) });
    commits.push({
      files: {
        ...Object.fromEntries([...srcFiles.keys()].map((p) => [p, null])),
        ...Object.fromEntries(dstFiles),
      },
    });
    // Blob ids stand for contents: the text itself.
    const file = (path: string, text: string): RenameFile => ({ path, blob: text, regular: true });
    const sources = [...srcFiles].sort(([x], [y]) => (x < y ? -1 : 1)).map(([p, t]) => file(p, t));
    for (const [p, t] of dstFiles) cases.push({ dst: file(p, t), sources });
  });
  const dir = buildRepo(join(tempDir(), 'follow'), commits);
  const finalLine = await countsFinalLine(join(dir, '.git'));
  let followed = 0;
  for (const c of cases) {
    const blame = git(dir, ['blame', '--line-porcelain', 'HEAD', '--', c.dst.path]);
    // The source blame followed: named on the lines it kept, and as `previous` on the others.
    const names = new Set<string>();
    for (const l of blame.split('\n')) {
      if (l.startsWith('filename ')) names.add(l.slice(9));
      else if (l.startsWith('previous ')) names.add(l.slice(l.indexOf(' ', 9) + 1));
    }
    names.delete(c.dst.path);
    const ours = renameSource(c.dst, c.sources, (blob) => spans(Buffer.from(blob), finalLine))?.path;
    if (names.size > 0) followed++;
    expect(ours === undefined ? [] : [ours], c.dst.path).toEqual([...names]);
  }
  expect(followed).toBeGreaterThan(5);
});

test("one destination's table gives the same scores as the walk over both lists, for every source and the next destination", () => {
  fc.assert(
    fc.property(
      fc.array(content, { minLength: 1, maxLength: 6 }),
      fc.array(content, { minLength: 1, maxLength: 3 }),
      fc.constantFrom(0, 30_000, 45_000),
      (sources, dests, minimum) => {
        for (const d of dests) {
          const dst = spans(Buffer.from(d), true);
          const target = new SimilarityTarget(dst);
          try {
            for (const s of sources) {
              const src = spans(Buffer.from(s), true);
              expect(target.similarity(src, minimum)).toBe(similarity(src, dst, minimum));
            }
          } finally {
            target.release();
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('one similarity target at a time: a second before the first is released is refused', () => {
  const first = new SimilarityTarget(spans(Buffer.from('a\nb\n'), true));
  expect(() => new SimilarityTarget(spans(Buffer.from('c\n'), true))).toThrow(/still in use/);
  first.release();
  const next = new SimilarityTarget(spans(Buffer.from('c\n'), true));
  expect(next.similarity(spans(Buffer.from('c\n'), true), 0)).toBe(60_000);
  next.release();
});
