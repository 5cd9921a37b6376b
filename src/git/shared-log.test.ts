// The shared log: git writes every part to a file, readers follow the parts in order as they grow,
// and the folder goes when the last holder lets go.
import { appendFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp, git, tempDir } from '../../test/helpers/repo-builder.ts';
import { isCtoError } from '../errors.ts';
import { gitOk } from './invoke.ts';
import { logParts } from './log-ranges.ts';
import { followedLog, followParts, holdSharedLog, openSharedLog, SHARED_LOG_ARGS } from './shared-log.ts';

afterAll(cleanupTemp);

async function readAll(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of chunks) out.push(c);
  return Buffer.concat(out);
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('followParts', () => {
  const folder = () => tempDir('cto-follow-test-');

  test('reads each part as it grows, in order, to the end its marker says', async () => {
    const dir = folder();
    const files = [join(dir, 'part-0'), join(dir, 'part-1')];
    for (const f of files) writeFileSync(f, '');
    const reading = readAll(followParts({ dir, files }));
    appendFileSync(files[1] as string, 'second part; ');
    for (let i = 0; i < 5; i++) {
      await wait(15);
      appendFileSync(files[0] as string, `chunk ${i}; `);
    }
    writeFileSync(`${files[0]}.done`, '');
    await wait(15);
    appendFileSync(files[1] as string, 'its end');
    writeFileSync(`${files[1]}.done`, '');
    expect((await reading).toString()).toBe(
      'chunk 0; chunk 1; chunk 2; chunk 3; chunk 4; second part; its end',
    );
    rmSync(dir, { recursive: true });
  });

  test('gives whole reads and the short reads of a growing part, each its own bytes', async () => {
    const dir = folder();
    const file = join(dir, 'part-0');
    // Over two reads' worth at once (whole reads), then short appends (the read buffer is reused).
    const big = Buffer.alloc(600_000);
    for (let i = 0; i < big.length; i++) big[i] = 97 + (i % 26);
    writeFileSync(file, big);
    const reading = readAll(followParts({ dir, files: [file] }));
    for (let i = 0; i < 4; i++) {
      await wait(15);
      appendFileSync(file, `tail ${i}; `);
    }
    writeFileSync(`${file}.done`, '');
    const got = await reading;
    expect(got.subarray(0, big.length).equals(big)).toBe(true);
    expect(got.subarray(big.length).toString()).toBe('tail 0; tail 1; tail 2; tail 3; ');
    rmSync(dir, { recursive: true });
  });

  test("throws a failed part's error, with its code, after the bytes written before it", async () => {
    const dir = folder();
    const file = join(dir, 'part-0');
    writeFileSync(file, 'some bytes');
    const seen: string[] = [];
    const reading = (async () => {
      for await (const c of followParts({ dir, files: [file] })) seen.push(c.toString());
    })();
    await wait(20);
    const failure = { code: 'GIT_BUDGET_EXCEEDED', message: 'git log exceeded the output budget' };
    writeFileSync(`${file}.failed`, JSON.stringify(failure));
    const error = await reading.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCtoError(error) && error.code).toBe('GIT_BUDGET_EXCEEDED');
    expect((error as Error).message).toBe(failure.message);
    expect(seen.join('')).toBe('some bytes');
    rmSync(dir, { recursive: true });
  });

  test('stops waiting when the log is closed under it', async () => {
    const dir = folder();
    const file = join(dir, 'part-0');
    writeFileSync(file, '');
    const reading = readAll(followParts({ dir, files: [file] }));
    await wait(20);
    rmSync(dir, { recursive: true });
    await expect(reading).rejects.toThrow(/closed/);
  });
});

describe('openSharedLog', () => {
  // Enough commits for two parts (log-ranges.ts: at least 2,000 a part), made by fast-import.
  const dir = tempDir();
  git(dir, ['init', '-q', '-b', 'main']);
  const commits = 4_100;
  let stream = '';
  for (let i = 1; i <= commits; i++) {
    const content = `version ${i}\n${i % 7 === 0 ? 'seventh\n' : ''}`;
    const message = `change ${i}`;
    stream += `commit refs/heads/main\nmark :${i}\ncommitter Ada <ada@example.com> ${1_700_000_000 + i * 60} +0000\n`;
    stream += `data ${message.length}\n${message}\n${i > 1 ? `from :${i - 1}\n` : ''}`;
    stream += `M 100644 inline f${i % 50}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  git(dir, ['fast-import', '--quiet'], stream);
  const gitDir = join(dir, '.git');
  const head = git(dir, ['rev-parse', 'main']).trim();

  test('gives the bytes of one git process, read in parts, to every holder; the last one removes them', async () => {
    expect(logParts(commits, 2)).toBe(2);
    const first = openSharedLog(gitDir, head);
    const second = holdSharedLog(gitDir, head);
    expect(second).toBeDefined();
    const files = await first.files;
    expect(files.files.length).toBe(logParts(commits));
    const [a, b] = await Promise.all([readAll(followParts(files)), readAll(followParts(files))]);
    const one = await gitOk({ gitDir, args: [...SHARED_LOG_ARGS, head, '--'] });
    expect(a.equals(one)).toBe(true);
    expect(b.equals(one)).toBe(true);
    first.release();
    first.release(); // a second release of the same hold changes nothing
    expect(existsSync(files.dir)).toBe(true);
    second?.release();
    await expect.poll(() => existsSync(files.dir)).toBe(false);
    expect(holdSharedLog(gitDir, head)).toBeUndefined();
  });

  test('stops git and removes the folder when released before git is done', async () => {
    const hold = openSharedLog(gitDir, head);
    const files = await hold.files;
    const reading = readAll(followParts(files));
    hold.release();
    await expect(reading).rejects.toThrow();
    await expect.poll(() => existsSync(files.dir)).toBe(false);
  });

  test('a followed log is written whole by git with nobody reading it, then read as one git process prints it', async () => {
    const args = ['log', '--raw', '--no-abbrev', '--format=%H %s', head, '--'];
    const log = followedLog(gitDir, args, { deltaBaseCacheBytes: 16 * 1024 * 1024 });
    // Through a pipe git would stop at 64 KiB until read: written settles only if git is not held back.
    await log.written;
    const one = await gitOk({ gitDir, args });
    expect(one.length).toBeGreaterThan(256 * 1024);
    expect((await readAll(log.bytes)).equals(one)).toBe(true);
    expect(existsSync(log.dir)).toBe(true);
    await log.close();
    expect(existsSync(log.dir)).toBe(false);
  });

  test("a followed log that git fails gives git's error to its reader; closing it early stops git", async () => {
    const failing = followedLog(gitDir, ['log', 'no-such-revision', '--']);
    await expect(readAll(failing.bytes)).rejects.toThrow(/no-such-revision/);
    await failing.close();
    expect(existsSync(failing.dir)).toBe(false);
    const early = followedLog(gitDir, ['log', '-p', head, '--']);
    await early.close(); // before git is done: stopped, the folder removed
    expect(existsSync(early.dir)).toBe(false);
  });
});
