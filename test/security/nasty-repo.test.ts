import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp } from '../helpers/repo-builder.ts';
import { nastyRepo } from './nasty-repo.ts';
import { runScannerCommands } from './scanner-commands.ts';
import { newTrap, plainGit } from './trap.ts';

afterAll(cleanupTemp);

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cto.js');

describe('the nastiest repository (every trap at once)', () => {
  it('runs nothing under the scanner commands; plain git status and log run its traps', async () => {
    const trap = newTrap();
    const repo = nastyRepo(trap);
    const run = await runScannerCommands(repo.gitDir);
    expect(run.head).toBe(repo.head);
    expect(run.steps.find((s) => s.args[0] === 'cat-file')?.stdout.toString()).toContain(
      `${repo.missing} missing`,
    );
    expect(trap.fired()).toEqual([]);

    plainGit(repo.dir, ['status']);
    plainGit(repo.dir, ['log', '-1', '--format=%H']);
    expect(trap.fired()).toEqual(['filter-process', 'fsmonitor', 'gpg-x509']);
  });

  it.each([
    ['complete', false],
    ['with a blob missing', true],
  ])('runs nothing when scanned end to end through the cto command line (%s)', (_label, deleteBlob) => {
    const trap = newTrap();
    const repo = nastyRepo(trap, deleteBlob);
    const workspace = join(trap.root, 'workspace');
    mkdirSync(workspace);
    const r = spawnSync(process.execPath, [CLI, 'scan', repo.dir, '--workspace', workspace], {
      cwd: workspace,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.signal).toBeNull();
    const line = r.stdout.split('\n').find((l) => l.startsWith('nasty')) ?? '';
    if (deleteBlob) {
      // git refuses to fetch the missing blob: the history is read without line counts and the
      // repository is partial, as for any partial clone (docs/scan.md, Statuses).
      expect(r.status).toBe(0);
      expect(line).toContain('partial');
    } else {
      // The whole pipeline ran: 6 commits (3 of them signed) read, status ok.
      expect(r.status).toBe(0);
      expect(line).toMatch(/^nasty\s+[0-9a-f]{12}\s+6\s/);
      expect(line).toContain('ok');
    }
    expect(trap.fired()).toEqual([]);
  });
});
