import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp, tempDir } from '../../test/helpers/repo-builder.ts';
import { processStarted } from '../process-identity.ts';
import { makeTempFolder, removeStaleFolders } from './temp-folder.ts';

afterAll(cleanupTemp);

const MODULE = resolve(import.meta.dirname, 'temp-folder.ts');

/** A Node process that makes a folder in `tmp` with this module, prints it and waits to be killed. */
function folderMaker(tmp: string): Promise<{ pid: number; dir: string; kill: () => Promise<void> }> {
  const code = `import { makeTempFolder } from ${JSON.stringify(MODULE)};
console.log(makeTempFolder('cto-shared-'));
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ended = new Promise<void>((done) => child.on('close', () => done()));
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.endsWith('\n'))
        done({
          pid: child.pid ?? 0,
          dir: out.trim(),
          kill: () => {
            child.kill('SIGKILL');
            return ended;
          },
        });
    });
    child.on('error', fail);
    child.on('close', (c) => fail(new Error(`the folder maker ended (${c}) before making its folder`)));
  });
}

describe('temporary folders of git output', () => {
  test('a folder is private to this user and names the process that made it', () => {
    const tmp = tempDir();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // os.tmpdir() reads it on each call
    let dir: string;
    try {
      dir = makeTempFolder('cto-log-');
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(dir.startsWith(join(tmp, 'cto-log-'))).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual(['owner']); // written aside, renamed into place
    const owner = JSON.parse(readFileSync(join(dir, 'owner'), 'utf8'));
    expect(owner.pid).toBe(process.pid);
    expect(owner.host).toBe(hostname());
    if (process.platform === 'linux') expect(owner.start).toMatch(/^\d+$/);
    expect(removeStaleFolders(tmp)).toEqual([]); // this process runs: kept
    expect(existsSync(dir)).toBe(true);
  });

  test('a killed process leaves its folder; the sweep removes it and keeps those of running processes', async () => {
    const tmp = tempDir();
    const killed = await folderMaker(tmp);
    const running = await folderMaker(tmp);
    try {
      expect(existsSync(join(killed.dir, 'owner'))).toBe(true);
      await killed.kill(); // no exit handler runs on SIGKILL
      expect(existsSync(killed.dir)).toBe(true);

      // A file of the same prefix, another prefix's folder and another host's folder are not touched.
      const other = join(tmp, 'cto-test-keep');
      mkdirSync(other);
      writeFileSync(join(tmp, 'cto-shared-file'), 'x');
      const elsewhere = join(tmp, 'cto-shared-elsewhere');
      mkdirSync(elsewhere);
      writeFileSync(join(elsewhere, 'owner'), JSON.stringify({ host: `not-${hostname()}`, pid: killed.pid }));

      expect(removeStaleFolders(tmp)).toEqual([killed.dir]);
      expect(existsSync(killed.dir)).toBe(false);
      expect(existsSync(running.dir)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(existsSync(join(tmp, 'cto-shared-file'))).toBe(true);
      expect(existsSync(elsewhere)).toBe(true);
    } finally {
      await running.kill();
    }
    expect(removeStaleFolders(tmp)).toEqual([running.dir]);
  });

  test('a reused pid does not keep a folder: the start time must match too', () => {
    if (processStarted(process.pid) === null) return; // only where the system tells start times
    const tmp = tempDir();
    const reused = join(tmp, 'cto-shared-reused');
    mkdirSync(reused);
    writeFileSync(join(reused, 'owner'), JSON.stringify({ pid: process.pid, start: '1' }));
    const same = join(tmp, 'cto-shared-same');
    mkdirSync(same);
    writeFileSync(
      join(same, 'owner'),
      JSON.stringify({ pid: process.pid, start: processStarted(process.pid) }),
    );
    expect(removeStaleFolders(tmp)).toEqual([reused]);
    expect(existsSync(same)).toBe(true);
  });

  test('a folder without an owner (an earlier version, or one being made) is left for a day', () => {
    const tmp = tempDir();
    const fresh = join(tmp, 'cto-log-fresh');
    const old = join(tmp, 'cto-log-old');
    const garbled = join(tmp, 'cto-log-garbled');
    for (const d of [fresh, old, garbled]) mkdirSync(d);
    writeFileSync(join(garbled, 'owner'), '{"pid": "x"}');
    const dayAgo = (Date.now() - 25 * 3600 * 1000) / 1000;
    utimesSync(old, dayAgo, dayAgo);
    expect(removeStaleFolders(tmp)).toEqual([old]);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(garbled)).toBe(true);
    // A day later the others go too.
    expect(removeStaleFolders(tmp, Date.now() + 25 * 3600 * 1000).sort()).toEqual([fresh, garbled].sort());
  });

  test('a missing temporary folder is no error', () => {
    expect(removeStaleFolders(join(tempDir(), 'absent'))).toEqual([]);
  });
});
