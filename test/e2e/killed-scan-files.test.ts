// A `cto scan` killed with SIGKILL in the middle of a first scan runs no exit handler, so the shared
// log it was writing stays in the temporary folder; the next scan removes it (every scan starts by
// removing the folders of processes gone, even one that writes none itself) and leaves nothing behind.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CTO_BIN, cto } from '../helpers/cli.ts';
import { sleep } from '../helpers/proc.ts';
import { cleanupTemp, git, tempDir } from '../helpers/repo-builder.ts';

afterAll(cleanupTemp);

/** A history long enough for a shared log of two parts, made by fast-import. */
function longHistory(dir: string, commits: number): void {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  let stream = '';
  for (let i = 1; i <= commits; i++) {
    const content = `version ${i}\n${'line\n'.repeat(i % 40)}`;
    const message = `change ${i}`;
    stream += `commit refs/heads/main\nmark :${i}\ncommitter Ada <ada@example.com> ${1_700_000_000 + i * 60} +0000\n`;
    stream += `data ${message.length}\n${message}\n${i > 1 ? `from :${i - 1}\n` : ''}`;
    stream += `M 100644 inline f${i % 50}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  git(dir, ['fast-import', '--quiet'], stream);
}

const ours = (tmp: string) =>
  readdirSync(tmp).filter((n) => n.startsWith('cto-shared-') || n.startsWith('cto-log-'));

describe('temporary files of a killed scan', () => {
  it('are left by SIGKILL and removed by the next scan, which leaves none of its own', async () => {
    const root = tempDir();
    const tmp = join(root, 'tmp');
    const ws = join(root, 'ws');
    mkdirSync(tmp);
    mkdirSync(ws);
    longHistory(join(root, 'repos', 'long'), 4_100);
    const env = { ...process.env, CTO_DB: '', NO_COLOR: '1', TMPDIR: tmp };

    const child = spawn(process.execPath, [CTO_BIN, 'scan', join(root, 'repos'), '--workspace', ws], {
      env,
      stdio: 'ignore',
    });
    const exit = new Promise<void>((resolve) => child.on('close', () => resolve()));
    // Wait for the shared log's folder with its owner file, then kill cto at once.
    let left: string[] = [];
    while (left.length === 0) {
      left = ours(tmp).filter((n) => n.startsWith('cto-shared-') && existsSync(join(tmp, n, 'owner')));
      if (child.exitCode !== null) throw new Error('cto ended before its shared log was made');
      if (left.length === 0) await sleep(2);
    }
    child.kill('SIGKILL');
    await exit;
    const killedFolder = join(tmp, left[0] as string);
    expect(existsSync(killedFolder)).toBe(true); // no exit handler ran

    const again = cto(['scan', join(root, 'repos'), '--workspace', ws], { TMPDIR: tmp });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/long\s+[0-9a-f]{12}\s+4100\s/);
    expect(existsSync(killedFolder)).toBe(false);
    expect(ours(tmp)).toEqual([]);

    // A rescan with nothing new writes no folder, and still removes one a process gone left.
    const gone = spawnSync('true');
    const stale = join(tmp, 'cto-log-stale');
    mkdirSync(stale);
    writeFileSync(join(stale, 'owner'), JSON.stringify({ pid: gone.pid, start: null }));
    const unchanged = cto(['scan', join(root, 'repos'), '--workspace', ws], { TMPDIR: tmp });
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toMatch(/unchanged/);
    expect(existsSync(stale)).toBe(false);
  });
});
